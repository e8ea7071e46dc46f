/**
 * `yifa demo generate`: a generated district at scale in a new database file (demo/generate).
 *
 * @example
 * yifa demo generate --subjects 110 --officers 3000 --cases 1000000 --years 4 --file data/scale.db --seed 1
 */
import { join } from 'node:path';
import { PACKS_DIR } from '@yifa/packs';
import { Command, InvalidArgumentError } from 'commander';
import { removeDatabase } from '../demo/database.ts';
import { generate } from '../demo/generate/generate.ts';
import { streamProgress } from '../demo/generate/progress.ts';
import { AppError } from '../errors.ts';
import { localDate } from '../time.ts';
import { bundleOf, refuse } from './db.ts';

type Exit = (code: number) => void;

interface GenerateCliOptions {
  subjects: number;
  officers: number;
  cases: number;
  years: number;
  seed: number;
  file: string;
  today?: string;
  force?: boolean;
  alerts: boolean;
  reviewRounds: boolean;
  pack: string;
}

function wholeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
      throw new InvalidArgumentError(`${name} 应为非负整数 / ${name} is a non-negative integer`);
    return n;
  };
}

/** The `demo generate` command. */
export function demoGenerateCommand(exit: Exit): Command {
  return new Command('generate')
    .description(
      '生成规模演示数据库：执法主体、执法人员、按职权类别分布的案件及其审计事件、文书、法制审核、预警、案卷评查 / generate a demo database at scale',
    )
    .option(
      '--subjects <n>',
      '执法主体数（取自配置包） / enforcement subjects (from the pack)',
      wholeNumber('--subjects'),
      110,
    )
    .option('--officers <n>', '执法人员数 / officers', wholeNumber('--officers'), 3000)
    .option('--cases <n>', '案件数 / cases', wholeNumber('--cases'), 100_000)
    .option('--years <n>', '覆盖年数（截至今天） / years of cases, up to today', wholeNumber('--years'), 4)
    .option(
      '--seed <n>',
      '随机种子：相同种子生成相同数据 / seed: the same seed gives the same data',
      wholeNumber('--seed'),
      1,
    )
    .option('--file <path>', '新数据库文件 / the new database file', './data/generated.db')
    .option('--today <date>', '数据的最后一天（默认今天） / the last day of the data (default today)')
    .option('--force', '文件已存在时删除重建 / delete the file first when it exists')
    .option('--no-alerts', '不按预警规则研判在办案件 / do not judge the open cases by the alert rules')
    .option('--no-review-rounds', '不抽取案卷评查 / do not draw case-file review rounds')
    .option('--pack <folder>', '配置包目录 / pack folder', join(PACKS_DIR, 'tj-binhai'))
    .action(async (o: GenerateCliOptions) => {
      try {
        const bundle = bundleOf(o.pack);
        if (bundle === undefined) return exit(1);
        if (o.force) removeDatabase(`file:${o.file}`);
        const out = process.stdout;
        const r = await generate({
          file: o.file,
          bundle,
          subjects: o.subjects,
          officers: o.officers,
          cases: o.cases,
          years: o.years,
          seed: o.seed,
          today: o.today ?? localDate(new Date()),
          alerts: o.alerts,
          reviewRounds: o.reviewRounds,
          progress: streamProgress(out),
        });
        const kinds = Object.entries(r.byKind)
          .map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`)
          .join(', ');
        out.write(
          [
            `✓ 已生成 / generated ${r.file} in ${r.seconds.total.toFixed(1)} s ` +
              `(cases ${r.seconds.bulk.toFixed(1)} s, ${Math.round(r.cases / Math.max(r.seconds.bulk, 0.001)).toLocaleString('en-US')}/s; alerts ${r.seconds.alerts.toFixed(1)} s)`,
            `  执法主体 subjects ${r.subjects} · 人员 users ${r.users.toLocaleString('en-US')} · 案件 cases ${r.cases.toLocaleString('en-US')} (在办 open ${r.open.toLocaleString('en-US')}) · ${kinds}`,
            `  审计事件 events ${r.events.toLocaleString('en-US')} · 文书 documents ${r.documents.toLocaleString('en-US')} · 法制审核 reviews ${r.reviews.toLocaleString('en-US')} · 案源 sources ${r.caseSources.toLocaleString('en-US')} · 预警 alerts ${r.alerts.toLocaleString('en-US')} · 案卷评查 rounds ${r.reviewRounds} (${r.sampledFiles} files)`,
            ...(r.missingKinds.length
              ? [`  配置包无此类事项，未生成 / the pack has no matter for: ${r.missingKinds.join(', ')}`]
              : []),
            `  YIFA_DATABASE_URL=file:${r.file} yifa serve  ·  YIFA_DATABASE_URL=file:${r.file} yifa audit verify`,
            '',
          ].join('\n'),
        );
        return exit(0);
      } catch (e) {
        if (e instanceof AppError) return refuse(exit, e);
        throw e;
      }
    });
}
