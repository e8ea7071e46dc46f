/**
 * Renders the four documents of a filled case (test/print-samples.ts: 立案审批表, 法制审核意见书,
 * 事先告知书, 行政处罚决定书) to PDF through the platform's PDF route, then each page to PNG with
 * poppler's `pdftoppm -png -r 80`, as docs/screenshots/pdf-<form>-<page>.png.
 *
 *   npm run pdf-screenshots -w @yifa/platform
 *
 * The fonts are the deployment's (YIFA_PDF_BODY_FONT, YIFA_PDF_TITLE_FONT; Noto Serif CJK SC by default).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSamplePdfs } from '../test/print-samples.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const work = mkdtempSync(join(tmpdir(), 'yifa-pdf-png-'));
for (const f of readdirSync(out)) if (/^pdf-.*\.png$/.test(f)) rmSync(join(out, f));
for (const s of await renderSamplePdfs()) {
  const pdf = join(work, `${s.name}.pdf`);
  writeFileSync(pdf, s.pdf);
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(work, `pdf-${s.name}`)]);
}
// pdftoppm numbers pages with as many digits as the page count needs (-1, -01): written as -1, -2.
for (const f of readdirSync(work).filter((n) => n.endsWith('.png'))) {
  const name = f.replace(/-0*(\d+)\.png$/, '-$1.png');
  renameSync(join(work, f), join(out, name));
  process.stdout.write(`docs/screenshots/${name}\n`);
}
rmSync(work, { recursive: true });
