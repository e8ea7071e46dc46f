/**
 * One writer at a time within this process. The embedded libsql driver is synchronous and
 * pools connections: while one connection holds a write transaction across awaits, a write
 * on another connection fails at once with SQLITE_BUSY, and a busy timeout only blocks the
 * event loop the holder needs in order to finish. So writes queue here instead: a write
 * transaction holds the turn until it commits or rolls back, a single write statement while
 * it runs. Reads never wait (WAL gives them the last committed state).
 *
 * Inside a transaction, write through the transaction (`tx`), never the database: a write
 * on the database would wait for the turn its own transaction holds, and fail after
 * WRITE_WAIT_MS.
 */
import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/** How long a write waits for its turn before it fails. */
export const WRITE_WAIT_MS = 15_000;

const isRead = (stmt: InStatement | string) => /^\s*select\b/i.test(typeof stmt === 'string' ? stmt : stmt.sql);

/**
 * The client with its writes serialised.
 *
 * @example
 * const client = serialiseWrites(createClient({ url: 'file:./data/yifa.db' }));
 */
export function serialiseWrites(client: Client): Client {
  let tail: Promise<void> = Promise.resolve();

  /** Waits for the turn; resolves to its release (idempotent). */
  const turn = () =>
    new Promise<() => void>((resolve, reject) => {
      let release!: () => void;
      const mine = new Promise<void>((r) => {
        release = r;
      });
      const previous = tail;
      tail = previous.then(() => mine);
      let abandoned = false;
      const timer = setTimeout(() => {
        abandoned = true;
        reject(new Error(`no database write turn within ${WRITE_WAIT_MS} ms (a write on db inside a transaction?)`));
      }, WRITE_WAIT_MS);
      timer.unref();
      void previous.then(() => {
        clearTimeout(timer);
        if (abandoned) release();
        else resolve(release);
      });
    });

  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await turn();
    try {
      return await run();
    } finally {
      release();
    }
  };

  const holding = (tx: Transaction, release: () => void): Transaction => {
    const ending = (name: 'commit' | 'rollback') => async () => {
      try {
        await tx[name]();
      } finally {
        release();
      }
    };
    return new Proxy(tx, {
      get(target, prop) {
        if (prop === 'commit' || prop === 'rollback') return ending(prop);
        if (prop === 'close')
          return () => {
            try {
              target.close();
            } finally {
              release();
            }
          };
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  return new Proxy(client, {
    get(target, prop) {
      switch (prop) {
        case 'execute':
          return (stmt: InStatement | string, args?: never) =>
            isRead(stmt) ? target.execute(stmt as string, args) : exclusive(() => target.execute(stmt as string, args));
        case 'batch':
        case 'migrate':
        case 'executeMultiple':
          return (...a: unknown[]) =>
            exclusive(() => (target[prop] as (...x: unknown[]) => Promise<unknown>).apply(target, a));
        case 'transaction':
          return async (mode?: TransactionMode) => {
            if (mode === 'read') return target.transaction(mode);
            const release = await turn();
            try {
              return holding(await target.transaction(mode), release);
            } catch (e) {
              release();
              throw e;
            }
          };
        default: {
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}
