import { type NodeType, NonRetriableError } from '@tandem/shared/engine';
import { stopAndErrorDescription } from '@tandem/shared/nodes';

/** Throws the configured error; never retried (it is a decision, not a glitch). */
export const stopAndErrorNode: NodeType = {
  description: stopAndErrorDescription,
  execute: (ctx) => {
    if (ctx.getNodeParameter('errorType', 0) === 'errorObject') {
      let obj = ctx.getNodeParameter('errorObject', 0, {});
      if (typeof obj === 'string') {
        try {
          obj = JSON.parse(obj);
        } catch {
          throw new NonRetriableError(obj as string);
        }
      }
      const o = (obj ?? {}) as Record<string, unknown>;
      const message = typeof o.message === 'string' ? o.message : JSON.stringify(o);
      const err = new NonRetriableError(message);
      (err as NonRetriableError & { context?: unknown }).context = o;
      throw err;
    }
    throw new NonRetriableError(String(ctx.getNodeParameter('errorMessage', 0, 'Workflow stopped')));
  },
};
