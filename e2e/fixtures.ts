import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newUserContext, registerVia } from './harness.ts';

export type User = { context: BrowserContext; page: Page; id: string; name: string };

/** A person in their own browser context, registered and signed in. */
export async function userSession(browser: Browser, base: string, name: string): Promise<User> {
  const context = await newUserContext(browser);
  const page = await context.newPage();
  const { id } = await registerVia(page, base, `${name.toLowerCase()}@example.com`, name);
  return { context, page, id, name };
}

export async function api(page: Page, base: string, method: string, path: string, data?: unknown) {
  const res = await page.request.fetch(`${base}${path}`, { method, data, headers: { origin: base } });
  const body = await res.text();
  if (res.status() >= 400) throw new Error(`${method} ${path}: ${res.status()} ${body}`);
  return body ? JSON.parse(body) : undefined;
}

export async function openEditor(user: User, base: string, workflowId: string) {
  await user.page.goto(`${base}/workflows/${workflowId}`);
  await user.page.getByTestId('editor').waitFor();
  await expect
    .poll(() => user.page.getByTestId('save-indicator').getAttribute('data-status'), { timeout: 10_000 })
    .toBe('saved');
}

export const nodes = (page: Page) => page.getByTestId('canvas-node');
export const node = (page: Page, name: string) =>
  page.locator(`[data-testid="canvas-node"][data-node-name="${name}"]`);

/** Drags from an output handle of one node to the input handle of another, like a person would. */
export async function connect(page: Page, from: string, to: string, output = 0) {
  const source = node(page, from).getByTestId(`handle-out-${output}`);
  const target = node(page, to).locator('.react-flow__handle-left').first();
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Drags a node type from the library onto the canvas at `at` (relative to the canvas), then closes its panel. */
export async function dropNode(page: Page, type: string, at: { x: number; y: number }) {
  await page
    .locator(`[data-testid="node-library-item"][data-node-type="${type}"]`)
    .dragTo(page.getByTestId('canvas'), { targetPosition: at });
  const close = page.getByTestId('panel-close');
  if (await close.isVisible().catch(() => false)) await close.click();
}

/** The text of a CodeMirror editor, without the remote carets and name labels y-codemirror draws into it. */
export function editorText(content: Locator): Promise<string> {
  return content.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const w of copy.querySelectorAll('.cm-ySelectionCaret, .cm-ySelectionInfo, .cm-widgetBuffer'))
      w.remove();
    return [...copy.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '').join('\n');
  });
}
