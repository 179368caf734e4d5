import type { NodeErrorData } from '@tandem/shared/engine';
import { RunDataTooLargeError } from './run-data-limit.ts';

/**
 * What an execution stores when it failed outside its nodes — its store, the database driver, the queue, the
 * runner — in place of the raw error, whose text (SQL, server addresses, constraint names) is for the server log, not
 * for everyone who views the execution. A node's own error never comes here: the engine keeps it as the run's error.
 * @example hostFailure('ex1', mysqlError) // { name: 'StorageError', message: 'The execution could not be stored: …' }
 */
export function hostFailure(executionId: string, error: Error): NodeErrorData {
  if (error instanceof RunDataTooLargeError) return { name: error.name, message: error.message }; // written for users
  const seeLog = `(see the server log, execution ${executionId})`;
  if (fromDatabase(error))
    return {
      name: 'StorageError',
      message: `The execution could not be stored: the database refused the write ${seeLog}`,
    };
  return { name: 'ExecutionError', message: `The execution could not be run: an internal error ${seeLog}` };
}

/**
 * Whether a driver raised it: mysql2 sets `sqlState`/`errno`, SQLite a `SQLITE_…` code (kept by the writer thread),
 * and a connection the server refused or dropped is a system call's error (`syscall`, `ECONN…`).
 */
function fromDatabase(error: Error): boolean {
  const e = error as { code?: unknown; sqlState?: unknown; syscall?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  return (
    e.sqlState !== undefined ||
    e.syscall !== undefined ||
    /^(ER_|SQLITE_|ERR_SQLITE|ECONN|PROTOCOL_)/.test(code)
  );
}
