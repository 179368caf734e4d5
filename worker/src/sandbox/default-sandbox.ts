import { CodeSandbox } from './code-sandbox.ts';
import type { SandboxOptions } from './types.ts';

let options: SandboxOptions = {};
let instance: CodeSandbox | undefined;

/**
 * The process-wide sandbox the Code node uses (created on first use).
 *
 * @example
 * await getDefaultSandbox().run({ code: 'return items', mode: 'runOnceForAllItems', items: [] });
 */
export function getDefaultSandbox(): CodeSandbox {
  instance ??= new CodeSandbox(options);
  return instance;
}

/** Sets limits for the default sandbox (worker config); replaces an existing one. */
export function setDefaultSandboxOptions(next: SandboxOptions): void {
  options = next;
  instance?.dispose();
  instance = undefined;
}
