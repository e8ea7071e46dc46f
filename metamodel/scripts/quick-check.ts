/**
 * Interim schema-only check of a pack folder (no layering, no references), for authors
 * while the full validator (`yifa pack validate`) is being built. Usage: tsx quick-check.ts <dir>
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { parse } from 'yaml';
import { ITEM_KINDS, MANIFEST_SCHEMA } from '../src/kinds.ts';
import { schemasDir } from './gen-types.ts';

const addFormats = formats as unknown as typeof formats.default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
for (const f of readdirSync(schemasDir)) ajv.addSchema(JSON.parse(readFileSync(join(schemasDir, f), 'utf8')));
const id = (f: string) => `https://schemas.yifa.example/${f}`;
const dir = process.argv[2] ?? '.';
let bad = 0;
function check(file: string, schema: string) {
  const v = ajv.getSchema(id(schema));
  const data = parse(readFileSync(file, 'utf8'));
  if (v && !v(data)) {
    bad++;
    for (const e of v.errors ?? []) console.log(`${file} ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
check(join(dir, 'pack.yaml'), MANIFEST_SCHEMA);
for (const k of ITEM_KINDS) {
  for (const base of [join(dir, k.folder)]) {
    if (!statSync(base, { throwIfNoEntry: false })) continue;
    for (const f of readdirSync(base)) if (/\.(ya?ml|json)$/.test(f)) check(join(base, f), k.schema);
  }
}
console.log(bad ? `${bad} file(s) with schema errors` : 'schema ok');
process.exit(bad ? 1 : 0);
