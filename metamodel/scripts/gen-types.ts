/**
 * Generates `src/generated/types.ts` from the JSON Schemas.
 * `npm run gen` writes it; `generate()` is also used by a test that fails when the
 * checked-in file differs from what the schemas give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { ITEM_KINDS, MANIFEST_SCHEMA } from '../src/kinds.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const schemasDir = join(root, 'schemas');
export const generatedFile = join(root, 'src', 'generated', 'types.ts');

const BANNER = `/* Generated from metamodel/schemas by \`npm run gen\`. Do not edit: change the schema and regenerate. */`;

/** The types file the schemas give, as text. */
export async function generate(): Promise<string> {
  const files = [MANIFEST_SCHEMA, ...ITEM_KINDS.map((k) => k.schema)];
  const properties: Record<string, JSONSchema> = {};
  for (const file of files) {
    properties[file.replace('.schema.json', '')] = { $ref: file } as JSONSchema;
  }
  // One aggregate schema, compiled once, so shared definitions are emitted once.
  const aggregate = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://schemas.yifa.example/all.schema.json',
    title: 'YifaMetamodel',
    type: 'object',
    properties,
    additionalProperties: false,
  } as JSONSchema;
  return compile(aggregate, 'YifaMetamodel', {
    cwd: schemasDir,
    bannerComment: BANNER,
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    style: { singleQuote: true, printWidth: 120 },
    $refOptions: { resolve: { http: false } as never },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generate();
  writeFileSync(generatedFile, text);
  console.log(`wrote ${generatedFile} (${text.split('\n').length} lines)`);
  void readFileSync;
}
