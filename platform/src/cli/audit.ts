/**
 * `yifa audit verify`: recomputes the SM3 chain of the 执法全过程记录 and says whether it
 * is intact (exit 0, with the event count and the head hash to keep elsewhere) or which
 * event is the first that does not fit and how (exit 1).
 */
import { Command } from 'commander';
import { type ChainReport, verifyChain } from '../audit/chain.ts';
import { openDb } from '../db/client.ts';

type Exit = (code: number) => void;

/** The report as text, zh then en. */
export function formatChainReport(report: ChainReport): string {
  const algorithm = report.algorithm.toUpperCase();
  if (report.ok)
    return [
      `✓ 审计链完整：${report.events} 条记录，${algorithm}`,
      `  audit chain intact: ${report.events} events, ${algorithm}`,
      `  head ${report.head}`,
    ].join('\n');
  return [
    `✗ 审计链已被篡改：${report.message.zh}（${report.problem}）`,
    `  audit chain broken: ${report.message.en} (${report.problem})`,
    `  ${report.events} events checked with ${algorithm}; first bad event: ${report.seq}`,
  ].join('\n');
}

/** The `audit` command group. */
export function auditCommand(exit: Exit): Command {
  const audit = new Command('audit').description('审计 / the audit chain (执法全过程记录)');
  audit
    .command('verify')
    .description('核验审计链 / verify the hash chain of the audit log')
    .option('--json', '以 JSON 输出 / print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const db = await openDb();
      try {
        const report = await verifyChain(db);
        process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatChainReport(report)}\n`);
        exit(report.ok ? 0 : 1);
      } finally {
        db.$client.close();
      }
    });
  return audit;
}
