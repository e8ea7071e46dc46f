/**
 * The parts import each other only in the direction of design.md:
 *   metamodel ← rules ← runtime/engine ← platform;  runtime/ui, runtime/app, studio above them;
 *   packs are data, checked by metamodel and rules.
 * Each part may import only the parts it lists here, only by package name (never another
 * part's src/), and must declare them in its package.json. (Import cycles inside a part
 * are caught by Biome's noImportCycles rule in `npm run lint`.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Which internal packages each part may import. */
const ALLOWED: Record<string, readonly string[]> = {
  '@yifa/metamodel': [],
  '@yifa/rules': ['@yifa/metamodel'],
  '@yifa/packs': ['@yifa/metamodel', '@yifa/rules'],
  '@yifa/engine': ['@yifa/metamodel', '@yifa/rules'],
  '@yifa/platform': ['@yifa/metamodel', '@yifa/rules', '@yifa/engine', '@yifa/packs'],
  '@yifa/ui': ['@yifa/metamodel', '@yifa/rules', '@yifa/engine'],
  '@yifa/app': ['@yifa/metamodel', '@yifa/rules', '@yifa/engine', '@yifa/ui'],
  '@yifa/studio': ['@yifa/metamodel', '@yifa/rules', '@yifa/engine', '@yifa/ui'],
};

/** React and other browser-only code the platform must never import. */
const NOT_IN_PLATFORM = /^(react|react-dom|antd|@formily\/|@yifa\/(ui|app|studio))/;

interface Part {
  name: string;
  dir: string;
  declared: Set<string>;
  /** Subpaths the package's exports map offers ('.', './reference', './schemas/*'). */
  exports: string[];
}

function parts(): Part[] {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces.flatMap((pattern) => {
    const dirs = pattern.endsWith('/*')
      ? readdirSync(join(ROOT, pattern.slice(0, -2))).map((d) => join(ROOT, pattern.slice(0, -2), d))
      : [join(ROOT, pattern)];
    return dirs
      .filter((d) => statSync(join(d, 'package.json'), { throwIfNoEntry: false }))
      .map((dir) => {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
        return { name: pkg.name as string, dir, declared, exports: Object.keys(pkg.exports ?? { '.': '' }) };
      });
  });
}

/** Whether a specifier names a subpath the package exports. */
function exported(all: Part[], pkg: string, spec: string): boolean {
  const sub = `.${spec.slice(pkg.length)}`;
  const target = all.find((p) => p.name === pkg);
  return (target?.exports ?? ['.']).some((e) => e === sub || (e.endsWith('/*') && sub.startsWith(e.slice(0, -1))));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(p);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

describe('architecture', () => {
  const all = parts();
  const byDir = all.map((p) => ({ ...p, files: sourceFiles(p.dir) }));

  it('knows every part', () => {
    for (const p of all) expect(ALLOWED, `add ${p.name} to ALLOWED`).toHaveProperty([p.name]);
  });

  it('imports only in the allowed direction, by package name, declared in package.json', () => {
    const problems: string[] = [];
    for (const part of byDir) {
      for (const file of part.files) {
        for (const spec of importsOf(file)) {
          const where = relative(ROOT, file);
          if (spec.startsWith('.')) {
            const target = resolve(dirname(file), spec);
            const owner = all.find((p) => target.startsWith(`${p.dir}/`) || target === p.dir);
            if (owner && owner.name !== part.name)
              problems.push(`${where}: reaches into ${owner.name} by path (${spec})`);
            continue;
          }
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
          if (pkg.startsWith('@yifa/')) {
            if (pkg === part.name) problems.push(`${where}: imports its own package name (${spec}); import the file`);
            else if (!ALLOWED[part.name]?.includes(pkg)) problems.push(`${where}: ${part.name} may not import ${pkg}`);
            else if (!exported(all, pkg, spec))
              problems.push(`${where}: deep import ${spec} (not in ${pkg}'s exports)`);
            else if (!part.declared.has(pkg)) problems.push(`${where}: ${pkg} not declared in package.json`);
          }
          if (part.name === '@yifa/platform' && NOT_IN_PLATFORM.test(spec))
            problems.push(`${where}: the platform imports browser code (${spec})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('catches a wrong direction (self-test of the scanner)', () => {
    expect(importsOf(fileURLToPath(import.meta.url)).length).toBeGreaterThan(3);
    const sample =
      "import { x } from '@yifa/platform';\nexport * from './a.ts';\nconst m = await import('@yifa/rules');";
    const found = [...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(found).toEqual(['@yifa/platform', './a.ts', '@yifa/rules']);
    expect(ALLOWED['@yifa/metamodel']).not.toContain('@yifa/rules');
  });
});
