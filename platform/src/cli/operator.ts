/**
 * The operator's commands — serve, db, user, audit and `pack install` — added to the
 * program in one place, so main.ts needs one line for all of them.
 */
import type { Command } from 'commander';
import { auditCommand } from './audit.ts';
import { dbCommand, packInstallCommand } from './db.ts';
import { demoCommand } from './demo.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';

type Exit = (code: number) => void;

/** Adds the operator's commands; `pack install` joins the `pack` group, which must be added first. */
export function addOperatorCommands(program: Command, exit: Exit): void {
  program.addCommand(serveCommand(exit));
  program.addCommand(dbCommand(exit));
  program.addCommand(userCommand(exit));
  program.addCommand(auditCommand(exit));
  program.addCommand(demoCommand(exit));
  const pack = program.commands.find((c) => c.name() === 'pack');
  if (!pack) throw new Error('add the pack command group before the operator commands');
  pack.addCommand(packInstallCommand(exit));
}
