/**
 * `yifa pack …`: validate, resolve, build and test pack folders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  bundlePack,
  describePointer,
  ITEM_KINDS,
  type ItemKind,
  loadBase,
  type MigrationReport,
  migratePackDir,
  type RebaseReport,
  type ResolvedPack,
  readBundle,
  rebasePackDir,
  type ValidationReport,
  validatePackDir,
  validateResolvedPack,
} from '@yifa/metamodel';
import { type Lang, renderPackTestReport, runPackTests } from '@yifa/rules';
import { Command } from 'commander';
import { formatFailure, formatIssues } from './format.ts';

type Exit = (code: number) => void;

/** The `pack` command group. */
export function packCommand(exit: Exit): Command {
  const pack = new Command('pack').description('配置包：校验、解析、打包、测试 / pack authoring');
  const packsOption = [
    '--packs <dir>',
    "在此目录中查找所扩展的基础包 / where to find base packs (default: the pack folder's parent)",
  ] as const;

  pack
    .command('validate')
    .description('校验配置包（结构、引用、流程、事实） / validate a pack folder or bundle')
    .argument('<path>', '配置包目录或 .json 包文件 / pack folder or bundle file')
    .option('--json', '以 JSON 输出 / print the report as JSON')
    .option(...packsOption)
    .action((path: string, opts: { json?: boolean; packs?: string }) => {
      const report = load(path, opts.packs);
      if (opts.json) process.stdout.write(`${JSON.stringify(summary(report), null, 2)}\n`);
      else print(report, path);
      exit(report.ok ? 0 : 1);
    });

  pack
    .command('resolve')
    .description('输出叠加后的完整配置包及每项来源 / print the resolved pack with the origin of each item')
    .argument('<path>', '配置包目录 / pack folder')
    .option('--kind <kind>', '只输出此类条目 / only items of this kind')
    .option('--code <code>', '只输出此编码的条目 / only the item with this code')
    .option('--origins', '只输出来源表 / print only which layer each item came from')
    .option(...packsOption)
    .action((path: string, opts: { kind?: string; code?: string; origins?: boolean; packs?: string }) => {
      if (opts.kind && !ITEM_KINDS.some((k) => k.kind === opts.kind)) {
        const known = ITEM_KINDS.map((k) => k.kind).join(', ');
        process.stderr.write(
          `未知的条目类型“${opts.kind}”，应为：${known}\nunknown kind "${opts.kind}"; expected one of: ${known}\n`,
        );
        exit(2);
        return;
      }
      const report = load(path, opts.packs);
      if (!report.ok) {
        print(report, path);
        exit(1);
        return;
      }
      if (opts.origins) process.stdout.write(`${originTable(report.pack, opts.kind)}\n`);
      else process.stdout.write(`${JSON.stringify(resolvedJson(report.pack, opts.kind, opts.code), null, 2)}\n`);
      exit(0);
    });

  pack
    .command('migrate')
    .description(
      '把 metamodel 1 的配置包改写为 2：整体重述的数组改为按键覆盖 / rewrite a pack into metamodel 2 (keyed overrides)',
    )
    .argument('<dir>', '配置包目录 / pack folder')
    .option('--dry-run', '只报告，不写文件 / report only, write nothing')
    .option(...packsOption)
    .action((dir: string, opts: { dryRun?: boolean; packs?: string }) => {
      const report = migratePackDir(resolve(dir), { dryRun: opts.dryRun ?? false, ...packsRoot(opts.packs) });
      process.stdout.write(`${migrationText(report, opts.dryRun ?? false)}\n`);
      exit(report.outcome === 'failed' ? 1 : 0);
    });

  pack
    .command('rebase')
    .description('把地区包的覆盖重新应用到新版基础包 / re-apply a region onto a new version of its base')
    .argument('<region>', '地区包目录 / region pack folder')
    .requiredOption('--from <base>', '原基础包（目录或 .json 包文件） / the old base: folder or bundle')
    .requiredOption('--onto <base>', '新基础包（目录或 .json 包文件） / the new base: folder or bundle')
    .option('--dry-run', '只报告，不写文件 / report only, write nothing')
    .action((region: string, opts: { from: string; onto: string; dryRun?: boolean }) => {
      const from = loadBase(opts.from);
      const onto = loadBase(opts.onto);
      for (const [name, base] of [
        [opts.from, from],
        [opts.onto, onto],
      ] as const) {
        if (!base.ok) {
          process.stderr.write(`无法读取基础包 / cannot read the base ${name}: ${base.reason}\n`);
          exit(2);
          return;
        }
      }
      if (!from.ok || !onto.ok) return;
      const report = rebasePackDir(resolve(region), from.pack, onto.pack, { dryRun: opts.dryRun ?? false });
      process.stdout.write(`${rebaseText(report, opts.dryRun ?? false)}\n`);
      exit(report.blocking > 0 ? 1 : 0);
    });

  pack
    .command('build')
    .description('打包为确定性的配置包文件 / write a deterministic bundle')
    .argument('<dir>', '配置包目录 / pack folder')
    .requiredOption('-o, --out <file>', '输出文件 / bundle file to write')
    .option(...packsOption)
    .action((dir: string, opts: { out: string; packs?: string }) => {
      const report = load(dir, opts.packs);
      if (!report.ok) {
        print(report, dir);
        process.stderr.write('未打包：配置包有错误 / not built: the pack has errors\n');
        exit(1);
        return;
      }
      const { text, hash } = bundlePack(report.pack);
      writeFileSync(opts.out, text);
      process.stdout.write(`${report.pack.manifest.id}@${report.pack.manifest.version} → ${opts.out}\n${hash}\n`);
      exit(0);
    });

  pack
    .command('test')
    .description('运行配置包中的黄金测试 / run the golden tests the pack carries')
    .argument('<path>', '配置包目录或 .json 包文件 / pack folder or bundle file')
    .option('--json', '以 JSON 输出 / print the report as JSON')
    .option('--lang <lang>', '说明语言 zh 或 en / language of the explanations', 'zh')
    .option('--verbose', '也输出通过用例的说明 / explain passing cases too')
    .option(...packsOption)
    .action((path: string, opts: { json?: boolean; lang: string; verbose?: boolean; packs?: string }) => {
      const report = load(path, opts.packs);
      if (!report.ok) {
        print(report, path);
        process.stderr.write('未测试：配置包有错误 / not tested: the pack has errors\n');
        exit(1);
        return;
      }
      const results = runPackTests(report.pack);
      const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else process.stdout.write(renderPackTestReport(results, lang, { verbose: opts.verbose ?? false }));
      exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
    });

  return pack;
}

/** Validates a folder, or a bundle file when the path ends in .json. */
function load(path: string, packs?: string): ValidationReport {
  if (path.endsWith('.json')) {
    const read = readBundle(readFileSync(path, 'utf8'));
    if (!read.ok) {
      const issue = {
        code: read.error.code,
        severity: 'error' as const,
        pack: path,
        file: path,
        pointer: '',
        message: read.error.message,
        params: {},
      };
      return { ok: false, pack: undefined as unknown as ResolvedPack, issues: [issue] };
    }
    const issues = validateResolvedPack(read.pack);
    return { ok: issues.every((i) => i.severity !== 'error'), pack: read.pack, issues };
  }
  return validatePackDir(resolve(path), packsRoot(packs));
}

function packsRoot(packs?: string): { packsRoot?: string } {
  return packs ? { packsRoot: resolve(packs) } : {};
}

const OUTCOMES = [
  ['applied', '已应用 / applied cleanly'],
  ['conflict', '冲突：基础包改了同一处 / conflict: the base changed the same field'],
  ['target-removed', '目标已不在新基础包中 / target removed in the new base'],
  ['new-in-base', '新基础包新增，本包可能需要 / new in the base, the region may want'],
] as const;

function rebaseText(report: RebaseReport, dryRun: boolean): string {
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  const lines = [
    `${report.region}: ${report.from.id}@${report.from.version} → ${report.onto.id}@${report.onto.version} (${report.onto.hash})`,
  ];
  for (const [outcome, title] of OUTCOMES) {
    const entries = report.entries.filter((e) => e.outcome === outcome);
    lines.push(`\n${title}: ${entries.length}`);
    for (const e of entries) {
      const where = `${e.kind} ${e.code}${e.path}${e.file ? ` (${e.file})` : ''}`;
      const values =
        outcome === 'conflict' ? `\n      base ${show(e.baseOld)} → ${show(e.baseNew)}; region ${show(e.region)}` : '';
      lines.push(`  ${where}: ${e.note}${values}`);
    }
  }
  const verb = dryRun ? '将改写 / would rewrite' : '已改写 / rewrote';
  lines.push(`\n${verb}: ${report.files.map((f) => f.file).join(', ')}`);
  if (report.blocking > 0)
    lines.push(
      `✗ ${report.blocking} 处需要处理（冲突的覆盖按原样保留）/ ${report.blocking} to resolve (conflicting overrides kept as written)`,
    );
  else lines.push('✓ 无冲突 / no conflicts');
  return lines.join('\n');
}

function migrationText(report: MigrationReport, dryRun: boolean): string {
  if (report.outcome === 'already')
    return `${report.pack} 已是 metamodel 2，无需迁移 / already metamodel 2: nothing to do`;
  if (report.outcome === 'failed') {
    const lines = report.problems.map((p) => `  ${p}`).join('\n');
    return `✗ ${report.pack}：迁移后解析结果不同，未写入 / the migrated pack would resolve differently; nothing written\n${lines}`;
  }
  const verb = dryRun ? '将改写 / would rewrite' : '已改写 / rewrote';
  const files = report.files
    .map((f) => `  ${f.file}（${f.before.length} → ${f.after.length} 字符 / chars）`)
    .join('\n');
  return `✓ ${report.pack}：${verb}，解析结果不变 / the resolved pack is unchanged\n${files}`;
}

function print(report: ValidationReport, path: string): void {
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  const warnings = report.issues.length - errors;
  if (report.issues.length > 0) process.stdout.write(`${formatIssues(report.issues)}\n\n`);
  const m = report.pack?.manifest;
  const name = m ? `${m.id}@${m.version}` : path;
  if (report.ok) {
    const count = ITEM_KINDS.reduce((n, k) => n + report.pack.items[k.kind].size, 0);
    process.stdout.write(
      `✓ ${name}：校验通过，${count} 项 / valid, ${count} items${warnings ? `, ${warnings} warnings` : ''}\n`,
    );
  } else process.stdout.write(`${formatFailure(name, report.issues)}\n`);
}

function summary(report: ValidationReport) {
  const pack = report.pack;
  return {
    ok: report.ok,
    pack: pack
      ? { id: pack.manifest.id, version: pack.manifest.version, layers: pack.layers, counts: counts(pack) }
      : undefined,
    issues: report.issues,
  };
}

function counts(pack: ResolvedPack): Record<string, number> {
  return Object.fromEntries(ITEM_KINDS.map((k) => [k.kind, pack.items[k.kind].size]));
}

function resolvedJson(pack: ResolvedPack, kind?: string, code?: string) {
  const kinds = ITEM_KINDS.filter((k) => !kind || k.kind === kind);
  const items = Object.fromEntries(
    kinds.map(({ kind: k }) => [
      k,
      Object.fromEntries(
        [...pack.items[k].entries()]
          .filter(([c]) => !code || c === code)
          .map(([c, item]) => [c, { item, origin: pack.origins[k].get(c) }]),
      ),
    ]),
  );
  return { manifest: pack.manifest, layers: pack.layers, removed: pack.removed, items };
}

function originTable(pack: ResolvedPack, only?: string): string {
  const rows: string[] = [`layers: ${pack.layers.map((l) => `${l.id}@${l.version}`).join(' → ')}`];
  for (const { kind } of ITEM_KINDS) {
    if (only && only !== kind) continue;
    for (const [code, origin] of pack.origins[kind as ItemKind]) {
      // Elements of keyed arrays are named by key (`/fields[name=fine]/title`), not by index.
      const item = pack.items[kind as ItemKind].get(code);
      const over = origin.overrides
        .map((o) => {
          const set = o.pointers.map((p) => describePointer(kind as ItemKind, item, p));
          const removed = (o.removed ?? []).map((r) => `-${r}`);
          return ` overridden by ${o.pack}: ${[...set, ...removed].join(', ')}`;
        })
        .join(';');
      rows.push(`${kind}\t${code}\t${origin.pack}${over}`);
    }
  }
  for (const r of pack.removed) rows.push(`${r.kind}\t${r.code}\tremoved by ${r.pack}: ${r.reason}`);
  return rows.join('\n');
}
