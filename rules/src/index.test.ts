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
  it('exposes the four uses, pack tests and the reference engine', () => {
    for (const name of [
      'compileCondition',
      'decideDiscretion',
      'checkGuards',
      'evaluateAlerts',
      'scoreAssessment',
      'evaluateForm',
      'runPackTests',
      'renderPackTestReport',
      'createReferenceEngine',
    ]) {
      expect(typeof (rules as Record<string, unknown>)[name], name).toBe('function');
    }
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
