import { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorBody } from '@tandem/shared/schema';
import type { AppEnv } from './deps.ts';
import { errorBody } from './errors.ts';

/** A router whose validation failures answer in Tandem's error shape. Every resource router is made with this. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        const where = result.target === 'json' ? 'body' : result.target;
        return c.json(
          errorBody(
            'validation_failed',
            `Invalid ${where}: ${details[0]?.path || '(root)'} ${details[0]?.message ?? ''}`.trim(),
            details,
          ),
          400,
        );
      }
    },
  });
}

/** The error answers every route may give, for the OpenAPI document. */
export const errors = (...codes: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429)[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      { description: 'Error', content: { 'application/json': { schema: ErrorBody } } },
    ]),
  );

export const json = <T>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
