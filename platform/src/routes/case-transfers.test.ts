/**
 * 移送 and 行刑衔接 through the API, as cn-national's ordinary procedure has them: the head transfers
 * only with the 移送函 / 涉嫌犯罪案件移送书 issued; the police's 回执, completed by the officer,
 * records the acceptance and its day (transferAccepted / transferAcceptedAt, never typed), and only
 * then is the case ended as transferred to the police; a transferred case takes no more writes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { insertTestCase } from '../documents/test-case.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Json = any;

let server: Server;
let officer: Client;
let head: Client;
let officerId = '';

const json = async (res: Response) => (await res.json()) as Json;
const view = async (id: string) => json(await officer.get(`/api/v1/cases/${id}`));
const act = async (client: Client, id: string, action: string, reason?: string) => {
  const { version } = await view(id);
  return client.post(`/api/v1/cases/${id}/transitions`, { action, version, ...(reason ? { reason } : {}) });
};
const newCase = (state: string) =>
  insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId, state, officers: [officerId] });

beforeAll(async () => {
  server = await startTestServer();
  server.setClock(() => new Date('2026-06-10T04:00:00Z'));
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'qian.head', orgCode: '120116-SCJ', roles: ['agency-head'] });
  officer = await server.as('li.officer');
  head = await server.as('qian.head');
});

describe('行刑衔接: transfer to the public security organ (行政处罚法第二十七条)', () => {
  it('is refused without the issued 涉嫌犯罪案件移送书, naming it, and to the officer', async () => {
    const c = await newCase('investigation');
    const res = await act(head, c.id, 'transfer-to-police', '涉嫌生产、销售不符合安全标准的食品罪');
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.error.details.refusals.map((r: Json) => r.code)).toEqual(['documents']);
    expect(body.error.message.zh).toContain('涉嫌犯罪案件移送书');
    // The refusal cites the article that requires the document (the transition's basis), in both languages.
    expect(body.error.message.zh).toContain('《中华人民共和国行政处罚法》第二十七条');
    expect(body.error.message.en).toContain('Administrative Penalty Law of the PRC, art. 27');
    expect(body.error.message.en).not.toMatch(/\p{Script=Han}/u);
    const byOfficer = await act(officer, c.id, 'transfer-to-police', '涉嫌犯罪');
    expect(byOfficer.status).toBe(409);
    expect((await view(c.id)).state.code).toBe('investigation');
  });

  it('goes to the police with the 移送书; the 回执 records acceptance; then the case ends', async () => {
    const c = await newCase('investigation');
    // The officers draft the 移送书 in the step; the head signs and issues it (issuedBy).
    const draft = await json(
      await officer.post(`/api/v1/cases/${c.id}/documents`, {
        form: 'criminal-case-transfer',
        data: {
          policeOrgan: '天津市公安局滨海分局',
          suspectedOffence: '生产、销售不符合安全标准的食品罪',
          caseFacts: '当事人生产的熟肉制品经检验菌落总数超标',
          approvedOn: '2026-06-10',
          materials: ['涉嫌犯罪案件情况的调查报告', '涉案物品清单'],
        },
      }),
    );
    expect((await officer.post(`/api/v1/documents/${draft.id}/issue`)).status).toBe(403);
    const signed = await head.post(`/api/v1/documents/${draft.id}/issue`);
    expect(signed.status).toBe(200);
    expect((await json(signed)).number).toMatch(/刑移〔2026〕\d{4}号$/);
    const moved = await act(head, c.id, 'transfer-to-police', '涉嫌生产、销售不符合安全标准的食品罪');
    expect(moved.status).toBe(200);
    expect((await view(c.id)).state.code).toBe('police-transfer');

    // Without the receipt the case cannot be ended as received.
    const early = await act(officer, c.id, 'police-accepted');
    expect(early.status).toBe(409);

    // The fact is the receipt's, not the officer's switch.
    const typed = await officer.call('PATCH', `/api/v1/cases/${c.id}/facts`, {
      version: (await view(c.id)).version,
      facts: { transferAccepted: true },
    });
    expect(typed.status).toBe(422);

    const created = await officer.post(`/api/v1/cases/${c.id}/documents`, {
      form: 'criminal-transfer-receipt',
      data: {
        receivingOrgan: '天津市公安局滨海分局',
        receivedOn: '2026-06-09',
        receiver: '刘警官',
        handling: '接受移送',
        receiverSignature: '刘警官',
      },
    });
    expect(created.status).toBe(201);
    const receipt = await json(created);
    const issued = await officer.post(`/api/v1/documents/${receipt.id}/issue`);
    expect(issued.status).toBe(200);
    const after = await view(c.id);
    expect(after.facts).toMatchObject({ transferAccepted: true, transferAcceptedAt: '2026-06-09' });

    const done = await act(officer, c.id, 'police-accepted');
    expect(done.status).toBe(200);
    expect((await view(c.id)).state.code).toBe('transferred-to-police');
    // Ended: nothing more is written to it.
    const more = await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'inquiry-record', data: {} });
    expect(more.status).toBeGreaterThanOrEqual(400);
  });

  it('comes back to 调查取证 when the police decline, by the head with the reason (第十条)', async () => {
    const c = await newCase('police-transfer');
    const res = await act(head, c.id, 'police-declined', '公安机关认为犯罪事实显著轻微，不予立案');
    expect(res.status).toBe(200);
    expect((await view(c.id)).state.code).toBe('investigation');
  });
});

describe('移送 to the competent agency (第二十二条、第二十三条)', () => {
  it('needs the issued 案件移送函 and a reason, and ends the case as transferred', async () => {
    const c = await newCase('filing');
    const without = await act(head, c.id, 'transfer-case', '违法行为发生地在河北区');
    expect(without.status).toBe(409);
    await server.issueDocuments(c.id, 'case-transfer-letter');
    const noReason = await act(head, c.id, 'transfer-case');
    expect(noReason.status).toBe(422);
    const res = await act(head, c.id, 'transfer-case', '违法行为发生地在河北区，不属于本机关管辖');
    expect(res.status).toBe(200);
    expect((await view(c.id)).state.code).toBe('transferred');
  });
});

describe('the transfer documents as printed', () => {
  it('prints the 涉嫌犯罪案件移送书 with its articles and enclosures, and no field notation', async () => {
    const c = await newCase('investigation');
    const created = await officer.post(`/api/v1/cases/${c.id}/documents`, {
      form: 'criminal-case-transfer',
      data: {
        policeOrgan: '天津市公安局滨海分局',
        suspectedOffence: '生产、销售不符合安全标准的食品罪',
        caseFacts: '当事人生产的熟肉制品经检验菌落总数超标',
        approvedOn: '2026-06-10',
        materials: ['涉嫌犯罪案件情况的调查报告', '有关检验报告或者鉴定结论'],
      },
    });
    const doc = await json(created);
    expect(created.status, JSON.stringify(doc)).toBe(201);
    const res = await officer.get(`/api/v1/documents/${doc.id}/print`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of [
      '涉嫌犯罪案件移送书',
      '天津市公安局滨海分局：',
      '涉嫌生产、销售不符合安全标准的食品罪',
      '《中华人民共和国行政处罚法》第二十七条',
      '有关检验报告或者鉴定结论',
    ])
      expect(html).toContain(text);
    expect(html).not.toMatch(/\{[a-zA-Z]+\}/);
  });
});
