import { describe, expect, it } from 'vitest';
import type { ItemKind } from '../kinds.ts';
import { resolveLayers } from './layer.ts';
import type { PackSource } from './source.ts';

/** A pack in memory: a manifest and item files, `overrides/…` ones being overrides. */
function source(
  id: string,
  metamodel: '1' | '2',
  files: Record<string, Record<string, unknown>>,
  base?: string,
): PackSource {
  return {
    manifest: { id, name: id, version: '1.0.0', metamodel, ...(base ? { extends: { id: base, version: '*' } } : {}) },
    items: Object.entries(files).map(([file, data]) => {
      const override = file.startsWith('overrides/');
      const code = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
      return { kind: 'document' as ItemKind, code, file, data, override };
    }),
    issues: [],
    lines: new Map(),
  };
}

const field = (name: string) => ({ name, title: name, type: 'string' });
const base = source('xx-base', '1', { 'documents/d.yaml': { code: 'd', fields: ['a', 'b', 'c'].map(field) } });

describe('resolveLayers with keyed overlays', () => {
  it('places each layer’s elements by key, and its pointers where the elements end up', () => {
    const mid = source(
      'xx-mid',
      '2',
      {
        'overrides/documents/d.yaml': {
          fields: [
            { name: 'b', title: 'B' },
            { ...field('d'), $after: 'a' },
          ],
        },
      },
      'xx-base',
    );
    const top = source(
      'xx-top',
      '2',
      {
        'overrides/documents/d.yaml': {
          fields: [
            { ...field('e'), $before: 'a' },
            { name: 'c', $remove: true },
          ],
        },
      },
      'xx-mid',
    );
    const { pack, issues } = resolveLayers([base, mid, top]);
    expect(issues).toEqual([]);
    const item = pack.items.document.get('d');
    expect(item?.fields.map((f) => f.name)).toEqual(['e', 'a', 'd', 'b']);
    expect(item?.fields[3]?.title).toBe('B');
    expect(pack.origins.document.get('d')).toEqual({
      pack: 'xx-base',
      overrides: [
        { pack: 'xx-mid', pointers: ['/fields/3/title', '/fields/2'] },
        { pack: 'xx-top', pointers: ['/fields/0'], removed: ['/fields[name=c]'] },
      ],
    });
  });

  it('replaces arrays whole for a metamodel-1 layer and reports v2 directives in it', () => {
    const v1 = source(
      'xx-old',
      '1',
      { 'overrides/documents/d.yaml': { fields: [{ name: 'c', $remove: true }] } },
      'xx-base',
    );
    const { pack, issues } = resolveLayers([base, v1]);
    expect(issues.map((i) => `${i.code} ${i.pack} ${i.file} ${i.pointer}`)).toEqual([
      'layer.keyed-needs-v2 xx-old overrides/documents/d.yaml /fields/0/$remove',
    ]);
    expect(pack.items.document.get('d')?.fields).toEqual([{ name: 'c', $remove: true }]);
    expect(pack.origins.document.get('d')?.overrides).toEqual([{ pack: 'xx-old', pointers: ['/fields'] }]);
  });

  it('reports a keyed-merge mistake in the override file, with its line', () => {
    const bad = source(
      'xx-bad',
      '2',
      { 'overrides/documents/d.yaml': { fields: [{ name: 'zz', $remove: true }] } },
      'xx-base',
    );
    bad.lines.set('overrides/documents/d.yaml', (pointer) => (pointer === '/fields/0' ? 3 : undefined));
    const { issues } = resolveLayers([base, bad]);
    expect(issues).toMatchObject([
      {
        code: 'layer.element-missing',
        severity: 'error',
        pack: 'xx-bad',
        file: 'overrides/documents/d.yaml',
        pointer: '/fields/0',
        line: 3,
      },
    ]);
  });
});
