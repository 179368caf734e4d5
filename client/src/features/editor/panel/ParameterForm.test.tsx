// @vitest-environment happy-dom
import { applyOps, docParts, workflowToDoc } from '@tandem/shared/doc';
import type { ParameterDescription } from '@tandem/shared/engine';
import { httpRequestDescription, ifDescription, setDescription } from '@tandem/shared/nodes';
import { WorkflowJson } from '@tandem/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { readNode } from '../doc/read-doc.ts';
import type { FieldContext } from './field-context.ts';
import { ParameterList } from './ParameterList.tsx';
import { byTestId, changeValue, click, render } from './test-render.tsx';

/** A real document with one node; the form writes through applyOps and re-renders from the document. */
function harness(
  type: string,
  typeVersion: number,
  params: ParameterDescription[],
  parameters: Record<string, unknown> = {},
  readOnly = false,
) {
  const doc = workflowToDoc(
    WorkflowJson.parse({
      name: 'w',
      nodes: [{ id: 'n1', name: 'N', type, typeVersion, position: [0, 0], parameters }],
    }),
  );
  const writes: unknown[] = [];
  const values = () => readNode('n1', docParts(doc).nodes.get('n1'))!.parameters;
  const ui = () => {
    const root = values();
    const ctx: FieldContext = {
      nodeId: 'n1',
      root,
      typeVersion,
      readOnly,
      attribution: {},
      sample: [{ json: { name: 'Ada', id: 7, address: { city: 'London' } } }],
      onSet: (path, value) => {
        writes.push([path, value]);
        applyOps(doc, [{ op: 'setParameter', nodeId: 'n1', path, value: value as never }], {
          actor: { userId: 'u1' },
        });
        r.rerender(ui());
      },
    };
    return <ParameterList params={params} values={root} path={[]} ctx={ctx} />;
  };
  const r = render(ui());
  return { ...r, values, writes };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('parameter forms', () => {
  it('renders the HTTP Request form and shows body fields only when the body is on', () => {
    const h = harness('httpRequest', 4.2, httpRequestDescription.properties, { method: 'POST' });
    cleanup = h.unmount;
    expect(h.container.querySelector('[data-testid="param-url"]')).not.toBeNull();
    const before = h.container.querySelectorAll('[data-testid$="-field"]').length;
    click(byTestId(h.container, 'param-sendBody'));
    expect(h.values().sendBody).toBe(true);
    expect(h.container.querySelectorAll('[data-testid$="-field"]').length).toBeGreaterThan(before);
  });

  it('writes typed text into the document and switches to expression mode keeping the text', () => {
    const h = harness('httpRequest', 4.2, httpRequestDescription.properties);
    cleanup = h.unmount;
    changeValue(byTestId(h.container, 'param-url'), 'https://example.com/users');
    expect(h.values().url).toBe('https://example.com/users');
    click(byTestId(h.container, 'param-url-mode-expression'));
    expect(h.values().url).toBe('=https://example.com/users');
    const ta = byTestId(h.container, 'param-url') as HTMLTextAreaElement;
    expect(ta.tagName).toBe('TEXTAREA');
    changeValue(ta, 'https://example.com/users/{{ $json.id }}');
    expect(h.values().url).toBe('=https://example.com/users/{{ $json.id }}');
    const segs = byTestId(h.container, 'param-url-highlight').querySelectorAll('[data-expr-segment]');
    expect([...segs].map((s) => [s.textContent, s.getAttribute('data-expr-segment')])).toEqual([
      ['{{ $json.id }}', 'ok'],
    ]);
    expect(byTestId(h.container, 'expression-preview').textContent).toBe('= https://example.com/users/7');
    click(byTestId(h.container, 'param-url-mode-fixed'));
    // An expression with {{ }} cannot become a fixed string: the default comes back.
    expect(h.values().url).toBe('');
  });

  it('switches the If node conditions editor by version and edits a condition row', () => {
    const h = harness('if', 2.2, ifDescription.properties);
    cleanup = h.unmount;
    click(byTestId(h.container, 'param-conditions-add'));
    expect((h.values().conditions as { conditions: unknown[] }).conditions).toHaveLength(1);
    changeValue(byTestId(h.container, 'param-conditions-left-0'), 'hello');
    changeValue(byTestId(h.container, 'param-conditions-operator-0'), 'string:contains');
    const row = (h.values().conditions as { conditions: Record<string, unknown>[] }).conditions[0];
    expect(row.leftValue).toBe('hello');
    expect(row.operator).toEqual({ type: 'string', operation: 'contains' });
    h.unmount();
    const v1 = harness('if', 1, ifDescription.properties);
    cleanup = v1.unmount;
    expect(v1.container.querySelector('[data-testid="param-conditions-add"]')).toBeNull();
    expect(v1.container.querySelector('[data-testid="param-conditions.boolean-add"]')).not.toBeNull();
    expect(v1.container.querySelector('[data-testid="param-combineOperation"]')).not.toBeNull();
  });

  it('adds and removes collection options', () => {
    const h = harness('if', 2.2, ifDescription.properties);
    cleanup = h.unmount;
    changeValue(byTestId(h.container, 'param-options-add'), 'ignoreCase');
    expect(h.values().options).toEqual({ ignoreCase: false });
    click(byTestId(h.container, 'param-options.ignoreCase'));
    expect(h.values().options).toEqual({ ignoreCase: true });
    click(byTestId(h.container, 'param-options.ignoreCase-remove'));
    expect(h.values().options).toEqual({});
  });

  it('edits Set node assignments', () => {
    const h = harness('set', 3.4, setDescription.properties);
    cleanup = h.unmount;
    const add = h.container.querySelector('[data-testid$="-add"][data-testid^="param-assignments"]');
    click(add);
    changeValue(byTestId(h.container, 'param-assignments-name-0'), 'greeting');
    changeValue(byTestId(h.container, 'param-assignments-value-0'), 'hi');
    const a = (h.values().assignments as { assignments: Record<string, unknown>[] }).assignments[0];
    expect(a).toMatchObject({ name: 'greeting', value: 'hi', type: 'string' });
  });

  it('keeps invalid numbers local and clamps to min/max', () => {
    const params: ParameterDescription[] = [
      { name: 'n', displayName: 'N', type: 'number', default: 5, typeOptions: { minValue: 1, maxValue: 10 } },
    ];
    const h = harness('noOp', 1, params);
    cleanup = h.unmount;
    changeValue(byTestId(h.container, 'param-n'), '42');
    expect(h.values().n).toBe(10);
    expect(byTestId(h.container, 'param-n').getAttribute('aria-invalid')).toBe('false');
    changeValue(byTestId(h.container, 'param-n'), '1e999');
    expect(h.values().n).toBe(10);
    // Marked for screen readers, and styled by inputClass's aria-invalid ring.
    expect(byTestId(h.container, 'param-n').getAttribute('aria-invalid')).toBe('true');
  });

  it('is read-only for viewers: no toggles, no add buttons, read-only inputs', () => {
    const h = harness(
      'if',
      2.2,
      ifDescription.properties,
      {
        conditions: {
          conditions: [
            { id: 'c', leftValue: 'x', rightValue: 'y', operator: { type: 'string', operation: 'equals' } },
          ],
          combinator: 'and',
        },
      },
      true,
    );
    cleanup = h.unmount;
    expect(h.container.querySelector('[data-testid="param-conditions-add"]')).toBeNull();
    expect(h.container.querySelector('[data-testid$="-mode-expression"]')).toBeNull();
    expect(byTestId(h.container, 'param-conditions-left-0').hasAttribute('readonly')).toBe(true);
    expect((byTestId(h.container, 'param-conditions-operator-0') as HTMLSelectElement).disabled).toBe(true);
  });
});
