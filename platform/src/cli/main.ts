/**
 * The `yifa` command line: pack authoring commands now; server, database and audit
 * commands join as the platform grows.
 */
import { Command, CommanderError } from 'commander';
import { addOperatorCommands } from './operator.ts';
import { packCommand } from './pack.ts';

/** Runs the CLI with the given argv and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('yifa')
    .description('依法 Yifa — 行政执法与执法监督低代码平台 / low-code platform for administrative law enforcement')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  let code = 0;
  program.addCommand(packCommand((c) => (code = c)));
  addOperatorCommands(program, (c) => (code = c));
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return code;
}
