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
  const parsed = JSON.parse(answer) as { items?: Item[]; logs?: string[]; error?: RuntimeError };
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
  return { items: parsed.items ?? [], logs: parsed.logs ?? [] };
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
