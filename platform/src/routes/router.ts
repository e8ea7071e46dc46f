/** A router for one resource, sharing the app's environment and validation hook. */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../validation.ts';

/** A new resource router. */
export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** A JSON request body for createRoute. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true };
}

/** The plain 200 response most routes declare. */
export const OK = { 200: { description: 'OK / 成功' } };
