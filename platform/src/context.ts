/** What every request handler can reach, set by the app's middleware. */

import type { CheckpointSettings } from './audit/checkpoint.ts';
import type { Actor } from './auth/access.ts';
import type { AuthPolicy } from './auth/policy.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './observability.ts';
import type { PackInForce, PackRegistry } from './packs/registry.ts';

/** Long-lived services, created once per app. */
export interface Services {
  db: Db;
  packs: PackRegistry;
  policy: AuthPolicy;
  /** Where evidence files are stored. */
  filesDir: string;
  /** The current time (tests move it). */
  now(): Date;
  /** Structured logs (pino); the app makes one from YIFA_LOG_LEVEL when none is given. */
  log?: Logger;
  /** Where this copy's audit checkpoint is (the audit administrator's screen reads it); else from the environment. */
  auditCheckpoint?: CheckpointSettings;
  /**
   * Whether 我的待办's steps are computed in the background after each write (default: yes).
   * Off, reads compute what is missing themselves: for a test that writes to the same file through
   * a second connection in the server's own process, whose busy wait would block the event loop
   * while the background write holds the lock (tasks/refresh.ts).
   */
  backgroundTasks?: boolean;
}

/** Hono's environment for this app. */
export interface AppEnv {
  Variables: {
    services: Services;
    /** Set on authenticated routes. */
    actor: Actor;
    /**
     * The pack the signed-in user works under (their subtree's own version, else the copy's): what
     * they may open, search and do. A case's own pack is the version it pinned.
     */
    pack: PackInForce;
    /** The session id of the request, when signed in. */
    sessionId: string;
    /** The CSRF token of the request's session, when signed in (GET /auth/me hands it to a new tab). */
    csrfToken: string;
  };
}
