import pino from 'pino';

export type Logger = pino.Logger;

const REDACT = [
  'password',
  'secret',
  'token',
  'key',
  'data.*',
  'authorization',
  'cookie',
  '*.password',
  '*.token',
];

/** Structured logs on stdout; secrets are redacted by key name wherever they appear. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'tandem'): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid } });
}

/** A logger for tests: silent unless TANDEM_TEST_LOG is set. */
export function testLogger(): Logger {
  return createLogger(process.env.TANDEM_TEST_LOG ?? 'silent');
}
