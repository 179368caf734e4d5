import type { Attribution } from '@tandem/shared/doc';

export type ParamPath = (string | number)[];

/** What every parameter field needs besides its own description and value. */
export interface FieldContext {
  nodeId: string;
  root: Record<string, unknown>;
  typeVersion: number;
  readOnly: boolean;
  /** Writes one parameter (undefined = delete) as a document edit. */
  onSet: (path: ParamPath, value: unknown) => void;
  /** Input items of the last run, for expression completion and preview. */
  sample?: unknown[];
  attribution: Record<string, Attribution>;
}

/** Stable test id of a parameter input: `param-<path joined with .>`. */
export function paramTestId(path: ParamPath): string {
  return `param-${path.join('.')}`;
}
