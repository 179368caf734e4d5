import { describe, expect, it } from 'vitest';
import { findNameReferences, renameInText } from './rename.ts';

describe('renameInText', () => {
  it('rewrites every reference form and nothing else', () => {
    const src = `={{ $('A').x + $("A").y + $node["A"].z + $node['A'].w + $node.A.v + $items("A") + $('AB') + 'A' }}`;
    expect(renameInText(src, 'A', 'B')).toBe(
      `={{ $('B').x + $("B").y + $node["B"].z + $node['B'].w + $node.B.v + $items("B") + $('AB') + 'A' }}`,
    );
  });
  it('escapes the new name for the quote used and switches $node.X to brackets when needed', () => {
    expect(renameInText(`$('A') $node.A`, 'A', `it's "x"`)).toBe(`$('it\\'s "x"') $node["it's \\"x\\""]`);
  });
  it('handles regex characters in names and reports positions', () => {
    expect(renameInText('$("a.b(c)*")', 'a.b(c)*', 'z')).toBe('$("z")');
    expect(findNameReferences('$node.Ab', 'A', 'B')).toEqual([]);
  });
});
