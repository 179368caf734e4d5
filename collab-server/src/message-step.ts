/** A message the protocol does not allow: the connection that sent it is closed. */
export class MalformedError extends Error {}

export function malformed(err: unknown): MalformedError {
  return err instanceof MalformedError ? err : new MalformedError((err as Error).message);
}

/** A step run later in the connection's order; whatever it throws is a protocol violation. */
export function step(fn: () => void): () => Promise<void> {
  return async () => {
    try {
      fn();
    } catch (err) {
      throw malformed(err);
    }
  };
}
