import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as rules from './index.ts';

const SRC = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the rules part', () => {
  it('exposes the four uses and pack tests; the reference engine only at @yifa/rules/reference', async () => {
    for (const name of [
      'compileCondition',
      'decideDiscretion',
      'checkGuards',
      'evaluateAlerts',
      'scoreAssessment',
      'evaluateForm',
      'runPackTests',
      'renderPackTestReport',
    ]) {
      expect(typeof (rules as Record<string, unknown>)[name], name).toBe('function');
    }
    expect((rules as Record<string, unknown>).createReferenceEngine).toBeUndefined();
    const exportsMap = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')).exports;
    expect(exportsMap['./reference']).toBe('./src/reference.ts');
    const reference = await import('./reference.ts');
    expect(typeof reference.createReferenceEngine).toBe('function');
  });

  it('imports only metamodel, json-rules-engine and its own files: pure, no I/O, browser-safe', () => {
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        const spec = m[1] as string;
        const allowed =
          spec.startsWith('./') || spec.startsWith('../') || spec === '@yifa/metamodel' || spec === 'json-rules-engine';
        expect(allowed, `${file} imports ${spec}`).toBe(true);
        expect(spec.includes('/src/') && spec.startsWith('@'), `${file} reaches into another part`).toBe(false);
      }
    }
  });

  it('never evaluates strings as code', () => {
    for (const file of sources(SRC)) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(/\beval\(|new Function\b|\bFunction\(/.test(code), file).toBe(false);
    }
  });
});
