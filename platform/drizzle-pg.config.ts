import { defineConfig } from 'drizzle-kit';

/**
 * The PostgreSQL store's migrations (#18), from src/db/pg/schema.ts, beside drizzle.config.ts's
 * SQLite ones: `npx drizzle-kit generate --config drizzle-pg.config.ts --name <name>`. The
 * triggers are a hand-written migration (`--custom`) after the generated tables.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './drizzle-pg',
});
