/**
 * The server's checkpoints of the audit chain (checkpoint.ts): one after every `every` events
 * this process appends, and one when it stops. Appending only counts (no query, no I/O); the
 * checkpoint is written later, off the request, in a transaction of its own that waits for the
 * write in progress to commit, one at a time. A checkpoint that cannot be written is logged;
 * no request fails for it.
 */
import type { Db } from '../db/client.ts';
import { onAppended } from './chain.ts';
import { type CheckpointSettings, type CheckpointWrite, writeCheckpoint } from './checkpoint.ts';

/** A running checkpointer. */
export interface Checkpointer {
  /** Resolves when no checkpoint is being written. */
  idle(): Promise<void>;
  /** Stops counting, waits for the checkpoint in progress and writes the last one (what it did, or undefined if it failed). */
  close(): Promise<CheckpointWrite | undefined>;
}

/** Says on stderr, in zh and en, why a checkpoint was not written. */
function logToStderr(message: { zh: string; en: string }): void {
  process.stderr.write(`✗ 审计检查点未写入：${message.zh}\n  audit checkpoint not written: ${message.en}\n`);
}

/**
 * Starts writing checkpoints of the chain in `db`. Appends to any database of this process are
 * counted (a server has one), so with several a checkpoint may come sooner, never later.
 *
 * @example
 * const checkpointer = createCheckpointer(db, checkpointSettings(url));
 * // … serve …
 * await checkpointer.close();
 */
export function createCheckpointer(
  db: Db,
  settings: CheckpointSettings,
  log: (message: { zh: string; en: string }) => void = logToStderr,
): Checkpointer {
  let pending = 0;
  let running: Promise<void> | undefined;

  const write = async (): Promise<CheckpointWrite | undefined> => {
    pending = 0;
    try {
      const result = await writeCheckpoint(db, settings);
      if (result.kind === 'refused') log(result.message);
      return result;
    } catch (e) {
      const reason = (e as Error).message;
      log({ zh: `写入 ${settings.file} 失败：${reason}`, en: `writing ${settings.file} failed: ${reason}` });
      return undefined;
    }
  };

  const schedule = () => {
    // After this turn of the event loop: the append that asked is still inside its transaction.
    running = new Promise<void>((resolve) => setImmediate(resolve)).then(write).then(() => {
      running = undefined;
      if (pending >= settings.every) schedule();
    });
  };

  const stop = onAppended(() => {
    pending++;
    if (pending >= settings.every && !running) schedule();
  });

  const idle = async () => {
    while (running) await running;
  };

  return {
    idle,
    async close() {
      stop();
      await idle();
      return write();
    },
  };
}
