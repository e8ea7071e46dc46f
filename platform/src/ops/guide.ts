/**
 * Reading docs/deploy.md as its tests do (#17): the fenced blocks with their info strings, the
 * settings of an environment file, the `ExecStart` of a systemd unit, and a free port. The guide
 * marks the blocks a test runs (`sh deploy-test`) and the blocks that are copies of files in the
 * repository (`deploy-file=<path>`).
 */
import { createServer } from 'node:net';

/** A fenced code block of a Markdown file. */
export interface Fence {
  /** The info string's first word (`sh`, `ini`, …). */
  lang: string;
  /** The info string's other words (`deploy-test`, `deploy-file=deploy/yifa.env`). */
  tags: string[];
  /** The block's text, ending with a newline. */
  text: string;
  /** The line of the opening fence (1-based). */
  line: number;
}

/** The fenced blocks of a Markdown text, in order; an unclosed fence is an error. */
export function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const lines = markdown.split('\n');
  let open: { lang: string; tags: string[]; line: number; body: string[] } | undefined;
  lines.forEach((l, i) => {
    if (open) {
      if (/^```\s*$/.test(l)) {
        out.push({ lang: open.lang, tags: open.tags, line: open.line, text: `${open.body.join('\n')}\n` });
        open = undefined;
      } else open.body.push(l);
      return;
    }
    const m = /^```(\S*)\s*(.*)$/.exec(l);
    if (m) open = { lang: m[1] ?? '', tags: (m[2] ?? '').split(/\s+/).filter(Boolean), line: i + 1, body: [] };
  });
  if (open) throw new Error(`the fence opened on line ${open.line} is never closed`);
  return out;
}

/** The `KEY=value` settings of an environment file (comments and blank lines skipped; no quoting). */
export function envFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (!l || l.startsWith('#')) continue;
    const m = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(l);
    if (!m) throw new Error(`not a KEY=value line: ${l}`);
    env[m[1] as string] = m[2] as string;
  }
  return env;
}

/** A `[Section]` key of a systemd unit file (the last one given). */
export function unitSetting(unit: string, key: string): string | undefined {
  let found: string | undefined;
  for (const l of unit.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(l.trim());
    if (m && m[1] === key) found = m[2];
  }
  return found;
}

/** A TCP port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}
