import type { NodeOutput, NodeRunContext, NodeType } from '@tandem/shared/engine';
import { NonRetriableError } from '@tandem/shared/engine';
import { executionDataDescription } from '@tandem/shared/nodes';

/** n8n's limits for custom execution data. */
export const MAX_KEYS = 10;
export const MAX_KEY_LENGTH = 50;
export const MAX_VALUE_LENGTH = 255;

/**
 * Execution Data v1: saves key/value pairs on the execution (`$execution.customData`, searchable in the
 * execution list) for each item; the items pass through.
 */
export function executeExecutionData(ctx: NodeRunContext): NodeOutput {
  const items = ctx.inputs[0] ?? [];
  const data = ctx.execution.customData;
  for (let i = 0; i < items.length; i++) {
    const values = ctx.getNodeParameter('dataToSave.values', i, []);
    for (const entry of (Array.isArray(values) ? values : []) as { key?: unknown; value?: unknown }[]) {
      const key = String(entry?.key ?? '');
      if (!key) continue;
      if (key.length > MAX_KEY_LENGTH)
        throw new NonRetriableError(
          `Key "${key.slice(0, 20)}…" is longer than ${MAX_KEY_LENGTH} characters`,
          { itemIndex: i },
        );
      if (!(key in data) && Object.keys(data).length >= MAX_KEYS) {
        throw new NonRetriableError(`An execution can hold at most ${MAX_KEYS} custom data keys`, {
          itemIndex: i,
        });
      }
      const value =
        entry.value === null || entry.value === undefined
          ? ''
          : typeof entry.value === 'object'
            ? JSON.stringify(entry.value)
            : String(entry.value);
      data[key] = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
    }
  }
  return [items];
}

export const executionDataNode: NodeType = {
  description: executionDataDescription,
  execute: executeExecutionData,
};
