import type { ExecutionsRepo } from '@tandem/api/storage';
import type { ExecuteBody, WorkflowJson } from '@tandem/shared/schema';
import { nestedDeeperThan } from '@tandem/shared/util';
import type { ExecutionInput } from '@tandem/worker';
import { AppError } from '../errors.ts';

/** Deeper input is refused: the worker clones items with structuredClone, which overflows the stack ~2,500 down. */
export const MAX_INPUT_DEPTH = 128;
/**
 * Most characters of an execution's input as JSON. It is written in one statement, which must fit MariaDB's
 * default max_allowed_packet (16 MiB) once escaped; the request body limit (16 MiB) alone let the insert fail.
 */
export const MAX_INPUT_CHARS = 8 * 1024 * 1024;

/**
 * The input as JSON, for storage; refuses input nested deeper than MAX_INPUT_DEPTH (400) or larger than
 * MAX_INPUT_CHARS (413), which would otherwise fail once stored or run.
 */
export function inputJson(input: ExecutionInput): string {
  if (nestedDeeperThan(input, MAX_INPUT_DEPTH)) {
    throw new AppError('validation_failed', `Input is nested more than ${MAX_INPUT_DEPTH} levels deep`);
  }
  const text = JSON.stringify(input);
  if (text.length > MAX_INPUT_CHARS) {
    throw new AppError('payload_too_large', `Input is larger than ${MAX_INPUT_CHARS} characters as JSON`);
  }
  return text;
}

/** Refuses (400) an execute body naming nodes the workflow it runs does not have. */
export function checkNodeNames(workflow: WorkflowJson, body: ExecuteBody): void {
  const names = new Set(workflow.nodes.map((n) => n.name));
  const named: [string, string | undefined][] = [
    ['startNode', body.startNode],
    ['destinationNode', body.destinationNode],
    ...Object.keys(body.pinData ?? {}).map((n): [string, string] => [`pinData.${n}`, n]),
  ];
  const details = named
    .filter(([, name]) => name !== undefined && !names.has(name))
    .map(([path, name]) => ({ path, message: `no node named "${name}" in the workflow this runs` }));
  if (details.length > 0) {
    throw new AppError(
      'validation_failed',
      `Invalid body: ${details[0]!.path} ${details[0]!.message}`,
      details,
    );
  }
}

/**
 * Refuses (400) a `previousExecutionId` that is not a run of this workflow: unknown, or another workflow's (the
 * runner would silently ignore it). One answer for both, so it tells nothing of executions the caller cannot see.
 */
export async function checkPreviousExecution(
  executions: Pick<ExecutionsRepo, 'workflowOf'>,
  workflowId: string,
  body: ExecuteBody,
): Promise<void> {
  const id = body.previousExecutionId;
  if (id === undefined || (await executions.workflowOf(id)) === workflowId) return;
  const message = 'no execution with this id of this workflow';
  throw new AppError('validation_failed', `Invalid body: previousExecutionId ${message}`, [
    { path: 'previousExecutionId', message },
  ]);
}
