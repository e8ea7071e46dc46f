/**
 * The JavaScript a browser loads for the sign-in page: the module script and the modulepreload
 * links of the built index.html (routes after sign-in are split off and load later). Prints each
 * file raw and gzipped and the total; exits 1 over the budget.
 *
 * Usage: npx tsx scripts/bundle-size.ts [dist] [--budget KiB]   (after `npm run build`)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget of the first load, gzipped, in KiB. */
export const BUDGET_KIB = 300;

/** The JS files index.html loads (script src and modulepreload href), with raw and gzip sizes. */
export function firstLoad(dist: string): {
  files: { file: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
} {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  const files = [...new Set(refs)].map((ref) => {
    const bytes = readFileSync(join(dist, ref.replace(/^\//, '')));
    return { file: ref, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files,
    raw: files.reduce((s, f) => s + f.raw, 0),
    gzip: files.reduce((s, f) => s + f.gzip, 0),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--budget');
  const budget = at >= 0 ? Number(args[at + 1]) : BUDGET_KIB;
  const dist = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--budget') ?? 'dist');
  const { files, raw, gzip } = firstLoad(dist);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const f of files)
    process.stdout.write(`${f.file.padEnd(40)} ${kib(f.raw).padStart(12)} ${kib(f.gzip).padStart(12)} gzip\n`);
  process.stdout.write(
    `${'first load (sign-in page)'.padEnd(40)} ${kib(raw).padStart(12)} ${kib(gzip).padStart(12)} gzip (budget ${budget} KiB)\n`,
  );
  process.exit(gzip > budget * 1024 ? 1 : 0);
}
