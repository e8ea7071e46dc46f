/**
 * The generator's progress: cases written, cases per second, audit events and the time left, on
 * one line rewritten in place on a terminal, or a plain line every few seconds otherwise (a log
 * file, CI).
 */

/** What the generator reports as it goes. */
export interface Progress {
  stage(text: string): void;
  cases(done: number, total: number, events: number): void;
  end(): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  const m = Math.floor(s / 60);
  return m ? `${m} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;
}

/** The line shown for the cases so far (exported for its test). */
export function progressLine(done: number, total: number, events: number, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 ? (total - done) / rate : Number.NaN;
  const pct = total ? Math.floor((done / total) * 100) : 100;
  return `案件 cases ${fmt(done)}/${fmt(total)} (${pct}%) · ${fmt(rate)}/s · 审计事件 events ${fmt(events)} · 剩余 ETA ${duration(eta)}`;
}

/** Progress to a stream: in place on a TTY, a line every `everyMs` otherwise. */
export function streamProgress(
  out: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean },
  everyMs = 5000,
) {
  const tty = Boolean(out.isTTY);
  // Rates count from the last stage (the cases' stage starts after the setup).
  let started = performance.now();
  let last = 0;
  let pending = false;
  const p: Progress = {
    stage(text) {
      if (pending) out.write('\n');
      pending = false;
      out.write(`${text}\n`);
      started = performance.now();
    },
    cases(done, total, events) {
      const now = performance.now();
      const final = done === total;
      if (!final && now - last < (tty ? 250 : everyMs)) return;
      last = now;
      const line = progressLine(done, total, events, (now - started) / 1000);
      if (tty) {
        out.write(`\r\x1b[2K${line}`);
        pending = true;
      } else out.write(`${line}\n`);
    },
    end() {
      if (pending) out.write('\n');
      pending = false;
    },
  };
  return p;
}

/** Progress that says nothing (tests). */
export const SILENT: Progress = { stage: () => undefined, cases: () => undefined, end: () => undefined };
