/**
 * `yifa audit verify`: recomputes the SM3 chain of the 执法全过程记录, compares it with the
 * last signed checkpoint of its head, and says whether it is intact (exit 0, with the event
 * count, the head hash and the checkpoint) or which event is the first that does not fit and
 * how, or that events at its end are gone (exit 1). `yifa audit checkpoint` signs the head
 * into the checkpoint file now (the server does it every so many events and when it stops).
 */
import { Command } from 'commander';
import { type ChainReport, verifyChain } from '../audit/chain.ts';
import { type CheckpointWrite, checkpointSettings, readAnchor, writeCheckpoint } from '../audit/checkpoint.ts';
import { openDb } from '../db/client.ts';
import { databaseUrlFrom } from '../home.ts';

type Exit = (code: number) => void;

/** The report as text, zh then en. */
export function formatChainReport(report: ChainReport): string {
  const algorithm = report.algorithm.toUpperCase();
  if (report.ok) {
    const lines = [
      `✓ 审计链完整：${report.events} 条记录，${algorithm}`,
      `  audit chain intact: ${report.events} events, ${algorithm}`,
      `  head ${report.head}`,
    ];
    const latest = report.checkpoint?.latest;
    if (latest) lines.push(`  检查点 / checkpoint: 第 ${latest.seq} 号记录 / event ${latest.seq}, ${latest.at}`);
    else if (report.checkpoint) lines.push(`  尚无检查点 / no checkpoint yet (${report.checkpoint.file})`);
    return lines.join('\n');
  }
  return [
    `✗ 审计链已被篡改：${report.message.zh}（${report.problem}）`,
    `  audit chain broken: ${report.message.en} (${report.problem})`,
    report.problem === 'bad-checkpoint'
      ? `  ${report.events} events checked with ${algorithm}; checkpoint file: ${report.file}`
      : `  ${report.events} events checked with ${algorithm}; first bad event: ${report.seq}`,
  ].join('\n');
}

/** What `yifa audit checkpoint` did, as text, zh then en. */
export function formatCheckpointWrite(result: CheckpointWrite): string {
  switch (result.kind) {
    case 'written': {
      const { seq, at, keyFingerprint } = result.checkpoint;
      return [
        `✓ 检查点已写入：第 ${seq} 号记录，${at}`,
        `  checkpoint written: event ${seq}, ${at}`,
        `  ${result.file}`,
        `  SM2 key ${keyFingerprint}`,
      ].join('\n');
    }
    case 'unchanged':
      return `✓ 检查点已是最新：第 ${result.seq} 号记录 / the checkpoint is up to date: event ${result.seq}\n  ${result.file}`;
    case 'empty':
      return '审计链尚无记录，未写检查点 / the chain has no events yet: no checkpoint written';
    case 'refused':
      return `✗ ${result.message.zh}\n  ${result.message.en}`;
  }
}

/** The `audit` command group. */
export function auditCommand(exit: Exit): Command {
  const audit = new Command('audit').description('审计 / the audit chain (执法全过程记录)');
  const settings = () => checkpointSettings(databaseUrlFrom());
  audit
    .command('verify')
    .description('核验审计链及其检查点 / verify the hash chain of the audit log against its last checkpoint')
    .option('--json', '以 JSON 输出 / print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const anchor = readAnchor(settings());
      const db = await openDb();
      try {
        const report = await verifyChain(db, anchor);
        process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatChainReport(report)}\n`);
        exit(report.ok ? 0 : 1);
      } finally {
        db.$client.close();
      }
    });
  audit
    .command('checkpoint')
    .description('立即签署审计链检查点 / sign a checkpoint of the chain head now')
    .action(async () => {
      const db = await openDb();
      try {
        const result = await writeCheckpoint(db, settings());
        process.stdout.write(`${formatCheckpointWrite(result)}\n`);
        exit(result.kind === 'refused' ? 1 : 0);
      } finally {
        db.$client.close();
      }
    });
  return audit;
}
