import type { Item } from '@tandem/shared/engine';
import type { IsolateSlot } from './isolate-slot.ts';
import { USER_FILENAME } from './isolate-slot.ts';
import { CodeExecutionError, type CodeRunResult } from './types.ts';

interface RuntimeError {
  name: string;
  message: string;
  stack?: string;
  description?: string;
}

/** Turns the runtime's JSON answer into a result, or throws the user's error with only their stack frames. */
export function parseRuntimeAnswer(answer: string): CodeRunResult {
  const parsed = JSON.parse(answer) as {
    items?: Item[];
    logs?: string[];
    error?: RuntimeError;
    staticData?: CodeRunResult['staticData'];
  };
  if (parsed.error) {
    const e = parsed.error;
    const userStack = userFrames(e.stack);
    const lineNumber = userStack ? firstLine(userStack) : undefined;
    const kind = e.name === 'ValidationError' ? 'validation' : 'user';
    const message = kind === 'validation' ? e.message : `${e.name}: ${e.message}`;
    throw new CodeExecutionError(kind, lineNumber ? `${message} [line ${lineNumber}]` : message, {
      description: e.description,
      lineNumber,
      userStack: userStack ? `${e.name}: ${e.message}\n${userStack}` : undefined,
    });
  }
  const items = parsed.items ?? [];
  // Re-checked here: a toJSON in the user's data can change what was validated inside the isolate.
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as unknown as Record<string, unknown> | null;
    const json = item?.json;
    if (!item || typeof item !== 'object' || !json || typeof json !== 'object' || Array.isArray(json)) {
      throw new CodeExecutionError('validation', `A 'json' property isn't an object [item ${i}]`, {
        description:
          'Every returned item must have a json object (check toJSON methods in the returned data).',
      });
    }
    const binary = item.binary;
    if (binary !== undefined && (binary === null || typeof binary !== 'object' || Array.isArray(binary))) {
      throw new CodeExecutionError('validation', `A 'binary' property isn't an object [item ${i}]`);
    }
  }
  const result: CodeRunResult = { items, logs: parsed.logs ?? [] };
  if (parsed.staticData) result.staticData = parsed.staticData;
  return result;
}

/** Keeps the `at … (code.js:L:C)` frames; runtime and host frames are internals. */
function userFrames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const lines = stack.split('\n').filter((l) => l.includes(`${USER_FILENAME}:`));
  return lines.length ? lines.join('\n') : undefined;
}

function firstLine(frames: string): number | undefined {
  const m = new RegExp(`${USER_FILENAME.replace('.', '\\.')}:(\\d+):`).exec(frames);
  return m ? Number(m[1]) : undefined;
}

/** Maps isolated-vm failures (timeout, memory, disposal) to clear errors. */
export function translateHostError(
  err: unknown,
  slot: IsolateSlot,
  memoryLimitMb: number,
  timeoutMs: number,
): CodeExecutionError {
  if (err instanceof CodeExecutionError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (
    /memory limit/i.test(message) ||
    (slot.disposed && /disposed/i.test(message) && /memory/i.test(message))
  ) {
    return new CodeExecutionError(
      'memory',
      `The code used more than the memory limit (${memoryLimitMb} MB)`,
      {
        description: 'Process fewer items at once or reduce what the code keeps in memory.',
      },
    );
  }
  if (/timed out/i.test(message)) {
    return new CodeExecutionError(
      'timeout',
      `The code ran longer than the time limit (${formatMs(timeoutMs)})`,
      {
        description: 'Check for endless loops, or process fewer items at once.',
      },
    );
  }
  if (/disposed/i.test(message)) {
    return new CodeExecutionError('aborted', 'The code execution was stopped');
  }
  if (/Maximum call stack/i.test(message)) {
    return new CodeExecutionError('user', 'RangeError: Maximum call stack size exceeded');
  }
  return new CodeExecutionError('internal', `Code execution failed: ${message}`);
}

/** A SyntaxError from checking or compiling the code, with the line in the user's code. */
export function translateSyntaxError(err: unknown): CodeExecutionError {
  if (err instanceof CodeExecutionError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const m = new RegExp(`\\[${USER_FILENAME.replace('.', '\\.')}:(\\d+):\\d+\\]`).exec(message);
  const lineNumber = m ? Number(m[1]) : undefined;
  const clean = message.replace(/\s*\[[^\]]*\]\s*$/, '');
  const text = /Single function literal/.test(clean) ? 'The code closes the function it runs in' : clean;
  return new CodeExecutionError(
    'syntax',
    `SyntaxError: ${text}${lineNumber ? ` [line ${lineNumber}]` : ''}`,
    {
      lineNumber,
      description: 'The code could not be parsed.',
    },
  );
}

function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
