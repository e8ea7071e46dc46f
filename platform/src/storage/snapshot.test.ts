import { join } from 'node:path';
import { type DocumentForm, type ResolvedPack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import type { CaseRow } from '../db/schema.ts';
import { sealData } from '../documents/sealed.ts';
import { loadCase } from './snapshot.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

const binhai = validatePackDir(join(PACKS_DIR, 'tj-binhai'), { packsRoot: PACKS_DIR });
if (!binhai.ok) throw new Error('tj-binhai must validate');
const base = binhai.pack;
const matter = [...base.items.matter.values()].find((m) => m.workflow === 'penalty-ordinary');
if (!matter) throw new Error('tj-binhai has a 普通程序 matter');

/** The 立案审批表 cut down to the party's id number, with a pattern a masked value cannot match. */
const FORM: DocumentForm = {
  ...(base.items.document.get('case-filing-approval') as DocumentForm),
  fields: [
    {
      name: 'partyIdNumber',
      title: '统一社会信用代码',
      type: 'string',
      required: true,
      source: 'party.idNumber',
      pattern: '^[0-9A-Z]{18}$',
    },
  ],
};
const pack: ResolvedPack = {
  ...base,
  items: { ...base.items, document: new Map(base.items.document).set(FORM.code, FORM) },
};

const row = {
  id: 'c-1',
  number: '津滨市监立〔2026〕0001号',
  matterCode: matter.code,
  workflowCode: matter.workflow,
  category: matter.category,
  subjectOrg: '120116-SCJ',
  subjectPath: 'x',
  packHash: 'h',
  state: 'filing',
  party: { kind: 'organisation', name: '天津某某有限公司', idNumber: 'sealed' },
  facts: {},
  officers: [],
  stateEntered: { filing: '2026-03-02T01:00:00.000Z' },
  extensions: {},
  violationDate: null,
  openedAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z',
  closedAt: null,
  createdBy: 'u',
  version: 1,
} as unknown as CaseRow;

describe('the case snapshot', () => {
  it('judges a draft complete on the data as entered, not on its masked copy at rest', async () => {
    const stored = sealData(FORM, { partyIdNumber: '91120116MA05JXQ21D' });
    // At rest the id is masked: the mask alone would fail the field's pattern.
    expect(stored.data.partyIdNumber).not.toMatch(/^[0-9A-Z]{18}$/);
    const docs = [{ formCode: FORM.code, version: 1, status: 'draft', data: stored.data, sealed: stored.sealedData }];
    const around = { officers: '[]', org: null, docs: JSON.stringify(docs), opinion: null, linked: null };
    const loaded = await loadCase({} as Db, { byHash: async () => pack }, row, '2026-03-02', around);
    expect(loaded.snapshot.documents).toEqual([{ form: FORM.code, status: 'complete' }]);
  });
});
