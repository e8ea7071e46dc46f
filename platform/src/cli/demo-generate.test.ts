import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { yifa } from '../../test/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'yifa-generate-cli-'));
const KEY = { YIFA_DATA_KEY: '00112233445566778899aabbccddeeff' };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yifa demo generate', { timeout: 240_000 }, () => {
  it('writes a new file, prints progress lines (no terminal) and what it made; the chain verifies', async () => {
    const file = join(dir, 'g.db');
    const run = await yifa(
      [
        'demo',
        'generate',
        '--subjects',
        '3',
        '--officers',
        '12',
        '--cases',
        '300',
        '--seed',
        '5',
        '--today',
        '2026-12-07',
        '--file',
        file,
        '--no-review-rounds',
      ],
      { env: KEY, unset: ['YIFA_DATABASE_URL'] },
    );
    expect(run.code, run.stderr).toBe(0);
    // Not a terminal: plain lines, no carriage return rewriting one line.
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).toMatch(/案件 cases 300\/300 \(100%\)/);
    expect(run.stdout).toMatch(/✓ 已生成 \/ generated/);
    expect(run.stdout).toMatch(/案件 cases 300 \(在办 open \d+\)/);
    expect(run.stdout).toContain('行政征收 (ZS)');
    const verify = await yifa(['audit', 'verify'], { env: { ...KEY, YIFA_DATABASE_URL: `file:${file}` } });
    expect(verify.code, verify.stderr + verify.stdout).toBe(0);
  });

  it('refuses more subjects than the pack has, in both languages, and leaves no file', async () => {
    const file = join(dir, 'too-many.db');
    const run = await yifa(
      ['demo', 'generate', '--subjects', '500', '--officers', '1000', '--cases', '10', '--file', file],
      { env: KEY, unset: ['YIFA_DATABASE_URL'] },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('配置包只有 110 个执法主体');
    expect(run.stderr).toContain('the pack has 110 enforcement subjects');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an existing file unless --force', async () => {
    const file = join(dir, 'g.db');
    const run = await yifa(
      ['demo', 'generate', '--cases', '10', '--subjects', '2', '--officers', '4', '--file', file],
      {
        env: KEY,
        unset: ['YIFA_DATABASE_URL'],
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('已存在');
    expect(run.stderr).toContain('exists');
  });
});
