import type { Attribution } from '@tandem/shared/doc';
import type { ParameterDescription } from '@tandem/shared/engine';

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

/** The props of a field that renders one parameter (and its children) at `path`. */
export type FieldProps = { param: ParameterDescription; value: unknown; path: ParamPath; ctx: FieldContext };

/** A parameter value as an object of child values (anything else counts as empty). */
export function asObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
