import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from './sanitize-svg.ts';

describe('sanitizeSvg', () => {
  it('keeps shapes and presentation attributes', async () => {
    const out = await sanitizeSvg(
      '<svg viewBox="0 0 24 24"><g fill="#f00"><path d="M0 0L10 10"/><circle cx="5" cy="5" r="2"/></g></svg>',
    );
    expect(out).toContain('<path d="M0 0L10 10"/>');
    expect(out).toContain('viewBox="0 0 24 24"');
    expect(out).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('strips scripts, event handlers, styles, foreignObject and external references', async () => {
    const evil = `<svg onload="alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink">
      <script>alert(1)</script><style>@import url(https://evil.example/x.css)</style>
      <foreignObject><iframe src="https://evil.example"/></foreignObject>
      <image href="https://evil.example/t.png"/>
      <a href="javascript:alert(1)"><rect width="1" height="1"/></a>
      <use xlink:href="https://evil.example/s.svg#x"/><use href="#ok"/>
      <rect ONCLICK="x()" fill="url(https://evil.example/p)" stroke="url(#grad)" style="background:url(x)"/>
      <!-- comment --><![CDATA[ <script>alert(2)</script> ]]>
    </svg>`;
    const out = await sanitizeSvg(evil);
    for (const bad of [
      'script',
      'onload',
      'onclick',
      'ONCLICK',
      'style',
      'foreignObject',
      'iframe',
      'image',
      'evil.example',
      'javascript',
      '<a',
      'comment',
    ]) {
      expect(out, bad).not.toContain(bad);
    }
    expect(out).toContain('<use href="#ok"/>');
    expect(out).toContain('stroke="url(#grad)"');
  });

  it('rejects non-SVG and oversized input', async () => {
    await expect(sanitizeSvg('<html><body/></html>')).rejects.toThrow(/single <svg>/);
    await expect(sanitizeSvg('<svg/><svg/>')).rejects.toThrow();
    await expect(sanitizeSvg('not markup')).rejects.toThrow();
    await expect(sanitizeSvg(`<svg>${'<g/>'.repeat(10_000)}</svg>`)).rejects.toThrow(/too large/);
  });
});
