/**
 * docs/pack-format.md is the one reference an implementer writes a region's pack from, so it
 * must not fall behind the metamodel: every kind's folder, operator, platform fact, metric and
 * issue code, and every top-level property of every kind's schema (and of the manifest), must
 * appear in it — each in a table row of its own, and schema properties in their kind's section.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ISSUE_MESSAGES,
  ITEM_KINDS,
  MANIFEST_SCHEMA,
  OPERATORS,
  PLATFORM_FACTS,
  PLATFORM_METRICS,
  SCHEMAS,
} from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';

const DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'pack-format.md');
// Table cells may be padded for alignment (Biome formats Markdown): compare with runs of spaces collapsed.
const doc = readFileSync(DOC_PATH, 'utf8').replace(/ {2,}/g, ' ');

/** The lines of the document outside fenced code blocks, with their index. */
function proseLines(text: string): { line: string; index: number }[] {
  let fenced = false;
  const out: { line: string; index: number }[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    else if (!fenced) out.push({ line, index });
  });
  return out;
}

/** The text from the heading that contains `marker` to the next heading of the same or a higher level. */
function section(marker: string): string {
  const lines = doc.split('\n');
  const prose = proseLines(doc);
  const start = prose.find((l) => /^#{2,4} /.test(l.line) && l.line.includes(marker));
  if (!start) return '';
  const level = /^#+/.exec(start.line)?.[0].length ?? 2;
  const end = prose.find((l) => l.index > start.index && new RegExp(`^#{1,${level}} `).test(l.line));
  return lines.slice(start.index, end?.index ?? lines.length).join('\n');
}

/** Whether the text has a table row whose first cell is `name` in backticks. */
function hasRow(text: string, name: string): boolean {
  return text.split('\n').some((line) => line.startsWith(`| \`${name}\` |`));
}

/** Top-level property names of a schema file. */
function propertiesOf(schemaFile: string): string[] {
  const schema = SCHEMAS[schemaFile] as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(schema?.properties ?? {});
}

describe('docs/pack-format.md', () => {
  it('names every kind with its folder in the kinds table and has a section for it', () => {
    for (const { kind, folder } of ITEM_KINDS) {
      expect(doc, `kinds table row for ${kind}`).toContain(`| \`${kind}\` | \`${folder}/\` |`);
      expect(section(`(\`${kind}\`, folder \`${folder}/\`)`), `section of ${kind}`).not.toBe('');
    }
  });

  it('has a table row for every operator', () => {
    const missing = Object.keys(OPERATORS).filter((op) => !hasRow(doc, op));
    expect(missing).toEqual([]);
  });

  it('has a table row for every platform fact', () => {
    const missing = PLATFORM_FACTS.map((f) => f.name).filter((name) => !hasRow(doc, name));
    expect(missing).toEqual([]);
  });

  it('has a table row for every platform metric', () => {
    const missing = PLATFORM_METRICS.map((m) => m.name).filter((name) => !hasRow(doc, name));
    expect(missing).toEqual([]);
  });

  it('has a table row for every issue code, with its zh and en messages', () => {
    const rows = doc.split('\n');
    const wrong = Object.entries(ISSUE_MESSAGES).filter(
      ([code, { zh, en }]) =>
        !rows.some(
          (line) => line.startsWith(`| \`${code}\` |`) && line.includes(`| ${zh} |`) && line.includes(`| ${en} |`),
        ),
    );
    expect(wrong.map(([code]) => code)).toEqual([]);
  });

  it("lists every top-level property of every kind's schema in that kind's field table", () => {
    const missing: string[] = [];
    for (const { kind, folder, schema } of ITEM_KINDS) {
      const text = section(`(\`${kind}\`, folder \`${folder}/\`)`);
      for (const prop of propertiesOf(schema)) if (!hasRow(text, prop)) missing.push(`${kind}.${prop}`);
    }
    expect(missing).toEqual([]);
  });

  it("lists every property of the manifest's schema in the manifest section", () => {
    const text = section('The manifest `pack.yaml`');
    const missing = propertiesOf(MANIFEST_SCHEMA).filter((prop) => !hasRow(text, prop));
    expect(propertiesOf(MANIFEST_SCHEMA).length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('reads the schemas it checks against (the test is not vacuous)', () => {
    for (const { schema } of ITEM_KINDS) expect(propertiesOf(schema), schema).toContain('code');
  });
});
