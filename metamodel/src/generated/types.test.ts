import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate, generatedFile } from '../../scripts/gen-types.ts';

describe('generated types', () => {
  it('are what the schemas give (run `npm run gen` after changing a schema)', async () => {
    expect(readFileSync(generatedFile, 'utf8')).toBe(await generate());
  });
});
