/**
 * Parameters scoped by organisation and date, end to end: with the Hebei pack active, 石家庄市
 * has its own 听证较大数额 (法人 10,000 元 from 2024-01-01) where the province's default is
 * 5,000 元. The same proposed fine of 8,000 元 lets the party of a province bureau's case request
 * a hearing and refuses it in a 石家庄 case, whose refusal names the value used and whose rules
 * (what the browser runs) carry the city's value.
 */

import { join } from 'node:path';
import { bundlePack, validatePackDir } from '@yifa/metamodel';
import { PACKS_DIR } from '@yifa/packs';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertTestCase } from '../src/documents/test-case.ts';
import { startTestServer } from './harness.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

const FACTS = {
  proposedFine: 8000,
  proposedPenalties: ['fine'],
  publicInterest: false,
  complex: false,
  hearingHeld: false,
  hearingRequested: true,
  hearingNotified: true,
  statementNotified: true,
};

let server: Server;
let hebei: string;

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date('2026-03-10T02:00:00.000Z') });
  const report = validatePackDir(join(PACKS_DIR, 'he-hebei'));
  if (!report.ok) throw new Error(report.issues[0]?.message.en);
  const imported = await server.services.packs.importBundle(bundlePack(report.pack).text, {
    apply: true,
    actor: 'test',
  });
  await server.services.packs.activate(imported.hash, 'test');
  hebei = imported.hash;
});

async function caseAt(org: string, username: string) {
  const cert = { certificateNo: '13010020260001', certificateValidUntil: '2099-12-31' };
  const user = await server.user({ username, orgCode: org, roles: ['officer'], ...cert });
  const row = await insertTestCase(server.db, {
    packHash: hebei,
    createdBy: user.id,
    subjectOrg: org,
    matterCode: '130000-SCJ-CF-0001-01',
    state: 'notification',
    facts: FACTS,
  });
  await server.issueDocuments(row.id, 'advance-notice', 'hearing-notice');
  const client = await server.as(username);
  const detail: Json = await (await client.get(`/api/v1/cases/${row.id}`)).json();
  const rules: Json = await (await client.get(`/api/v1/cases/${row.id}/rules`)).json();
  return { detail, rules };
}

const hearingFineOrg = (rules: Json) => rules.parameters.find((p: Json) => p.code === 'hearing-fine-org')?.value;

describe('a parameter scoped by organisation and date', () => {
  it('石家庄市’s own amount refuses the hearing that the province default allows, and says whose amount it was', async () => {
    const province = await caseAt('130000-SCJ', 'prov.officer');
    expect(province.detail.actions.allowed.map((a: Json) => a.action)).toContain('request-hearing');
    expect(hearingFineOrg(province.rules)).toBe(5000);

    const city = await caseAt('130100-SCJ', 'sjz.officer');
    const refused = city.detail.actions.refused.find((a: Json) => a.action === 'request-hearing');
    expect(refused, JSON.stringify(city.detail.actions)).toBeDefined();
    const when = refused.refusals.find((r: Json) => r.code === 'when');
    expect(when.detail.zh).toContain('10,000 元（参数“听证较大数额罚款（法人或者其他组织）');
    expect(when.detail.zh).toContain('：石家庄市政府，2024-01-01 起）');
    expect(when.detail.en).toContain('石家庄市政府, from 2024-01-01');
    expect(hearingFineOrg(city.rules)).toBe(10000);
  });
});
