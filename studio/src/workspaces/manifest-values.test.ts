import { describe, expect, it } from 'vitest';
import { withValues } from './manifest-values.ts';

const manifest = {
  id: 'tj-binhai-e2e',
  name: '滨海',
  version: '0.1.0',
  region: { code: '120116', name: '天津市滨海新区', level: 'district' },
  locale: 'zh-CN',
  metamodel: '2',
  extends: { id: 'tj-binhai', version: '^1.0.0', pinned: { version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` } },
  remove: [{ kind: 'parameter', code: 'p', reason: 'r' }],
  notes: '旧备注',
};
const values = {
  name: ' 滨海新区 ',
  regionCode: '120116',
  regionName: '天津市滨海新区',
  regionLevel: 'district',
  notes: '',
};

describe('the manifest form written into the manifest', () => {
  it('changes the base range only, keeping the base id and its pin; fields the form lacks stay', () => {
    const next = withValues(manifest, { ...values, range: ' ^1.3.0 ' });
    expect(next.extends).toEqual({ ...manifest.extends, version: '^1.3.0' });
    expect(next.name).toBe('滨海新区');
    expect(next.remove).toEqual(manifest.remove);
    expect(next.notes).toBeUndefined();
    expect(next).toMatchObject({ locale: 'zh-CN', metamodel: '2', version: '0.1.0' });
  });

  it('adds require.englishNames when ticked and takes require away when not', () => {
    const on = withValues(manifest, { ...values, englishNames: true });
    expect(on.require).toEqual({ englishNames: true });
    expect(on.extends).toEqual(manifest.extends);
    const off = withValues(on, { ...values, englishNames: false });
    expect('require' in off).toBe(false);
  });

  it('gives a pack without a base no extends', () => {
    const { extends: _base, ...root } = manifest;
    expect('extends' in withValues(root, { ...values, range: '^1.0.0' })).toBe(false);
  });
});
