import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as browser from './browser.ts';
import * as index from './index.ts';

const SRC = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]/g;

/** Every value import reached from a file, as specifiers (relative ones resolved to files). */
function reached(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] as string;
    if (spec.startsWith('.')) reached(resolve(dirname(file), spec), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('the browser entry', () => {
  it('reaches no Node built-in, so bundlers need no stubs', () => {
    const specs = [...reached(join(SRC, 'browser.ts'))];
    expect(specs.filter((s) => s.startsWith('node:'))).toEqual([]);
    expect(specs.some((s) => s.endsWith('schemas.ts'))).toBe(true);
  });

  it('is the index without pack loading and bundles', () => {
    const nodeOnly = Object.keys(index).filter((k) => !(k in browser));
    expect(nodeOnly.sort()).toEqual([
      'BUNDLE_FORMAT',
      'bundlePack',
      'contentHash',
      'differences',
      'indexPacks',
      'loadBase',
      'loadPackChain',
      'loadPackDir',
      'migratePackDir',
      'pinFor',
      'pinIssues',
      'readBundle',
      'rebasePackDir',
      'validatePackDir',
    ]);
  });

  it('is what bundlers pick for a browser build', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8'));
    expect(pkg.exports['.']).toEqual({ browser: './src/browser.ts', default: './src/index.ts' });
  });
});
