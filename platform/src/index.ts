/**
 * @yifa/platform — the server and the CLI. Operators use the `yifa` command; code that
 * embeds the server (tests, benchmarks) uses these.
 */
export { type AppType, createApp } from './app.ts';
export type { AppEnv, Services } from './context.ts';
export { type Db, DEFAULT_DATABASE_URL, openDb } from './db/client.ts';
export { AppError, ERRORS, type ErrorCode } from './errors.ts';
export { createServices } from './services.ts';
