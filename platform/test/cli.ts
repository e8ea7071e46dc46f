/**
 * Runs the real `yifa` CLI (platform/bin/yifa.js) in a child process, as an operator
 * would: its exit code, stdout and stderr, with the environment and stdin given.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI's entry point. */
export const YIFA_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'yifa.js');

/** What a run of the CLI gave. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `yifa <args>` to completion, in `cwd`, with the variables in `unset` left out of this process's environment. */
export function yifa(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string; unset?: string[] } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const inherited = { ...process.env };
    for (const name of options.unset ?? []) delete inherited[name];
    const child = spawn(process.execPath, [YIFA_BIN, ...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { ...inherited, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
