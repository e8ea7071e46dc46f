/**
 * Refusals as officers read them (#13: no internal code is shown to officers): in 法制审核 the
 * agency head sees why each action is refused, in Chinese and English, with penalty kinds by the
 * codelist's names (吊销许可证件 / Revocation of a licence), documents by their names and the set
 * operators in words — never `revoke-licence`, `legal-review-opinion` or ∩. On a real temp
 * database with the Binhai pack.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { insertTestCase } from '../documents/test-case.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
interface Text {
  zh: string;
  en: string;
}
interface Detail {
  actions: {
    refused: { action: string; refusals: { code: string; message: Text; detail?: Text; params: unknown }[] }[];
  };
}

/** A kebab-case code: lower-qualification, legal-review-opinion, agree-after-change. */
const KEBAB = /\b[a-z]+(?:-[a-z]+)+\b/;

let server: Server;
let officerId: string;

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['agency-head'], ...cert });
});

describe('refusals in 法制审核 show no internal code', () => {
  it('names penalty kinds, party kinds and documents, and says the operator in words, in both languages', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: officerId,
      state: 'legal-review',
      facts: { proposedFine: 5000, proposedPenalties: ['fine'], complex: false, publicInterest: false },
    });
    const head = await server.as('qian.head');
    const res = await head.get(`/api/v1/cases/${c.id}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { actions } = (await res.json()) as Detail;
    const discussion = actions.refused.find((a) => a.action === 'submit-discussion');
    const when = discussion?.refusals.find((r) => r.code === 'when');
    expect(when?.detail?.zh).toContain('拟处罚种类 {“罚款”} 包含任一 {“吊销许可证件”、“责令停产停业”、“责令关闭”} ✗');
    expect(when?.detail?.en).toContain(
      'proposed penalties {"Fine"} contains any of {"Revocation of a licence", "Order to suspend production or business", "Order to close"} ✗',
    );
    const refusals = actions.refused.flatMap((a) => a.refusals);
    // The structured params keep the codes for whoever asks for them (the 法制审核意见书 not yet issued).
    const documents = refusals.find((r) => r.code === 'documents');
    expect(documents?.message.zh).toContain('法制审核意见书');
    expect(documents?.params).toMatchObject({ documents: [{ code: 'legal-review-opinion' }] });
    for (const r of refusals) {
      for (const text of [r.message.zh, r.message.en, r.detail?.zh ?? '', r.detail?.en ?? '']) {
        expect(text).not.toMatch(KEBAB);
        expect(text).not.toMatch(/[∩∈∉∋∌]/);
      }
    }
  });

  it('names the labelled conditions of a guard by their English labels in English (labelEn), by the Chinese in Chinese', async () => {
    const c = await insertTestCase(server.db, {
      packHash: server.packHash,
      createdBy: officerId,
      state: 'legal-review',
      facts: { proposedFine: 5000, proposedPenalties: ['fine'], complex: false, publicInterest: false },
    });
    const head = await server.as('qian.head');
    const res = await head.get(`/api/v1/cases/${c.id}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { actions } = (await res.json()) as Detail;
    const decide = actions.refused.find((a) => a.action === 'to-decision')?.refusals.find((r) => r.code === 'when');
    expect(decide?.detail?.zh).toContain('法制审核已同意：');
    expect(decide?.detail?.en).toContain('The legal review has agreed: ');
    // No Chinese label inside the English of any refusal of the case.
    for (const r of actions.refused.flatMap((a) => a.refusals)) {
      expect(`${r.message.en} ${r.detail?.en ?? ''}`).not.toMatch(/\p{Script=Han}/u);
    }
  });
});
