import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentForm } from '@yifa/metamodel';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { cases, documents } from '../db/schema.ts';
import { maskPersonalData, personalMasker } from './pii.ts';
import { openData, sealData } from './sealed.ts';
import { insertTestCase } from './test-case.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
interface Doc {
  id: string;
  status: string;
  data: Record<string, unknown>;
  intact: boolean;
  print: { partyName?: string; orgName: string; date: string; citations?: Record<string, string> };
}

const PARTY_ID = '91120116MA05JXQ21D';
const PARTY_ADDRESS = '天津市滨海新区新港街道某某路18号';
const PARTY_PHONE = '13812345678';
const INTERVIEWEE = { id: '120101199001011234', phone: '13900001111', address: '天津市河西区友谊路某某小区3号楼' };
const WITNESS = '赵某 身份证号 120104198805052345 某某街道办事处';
/** Personal data typed into free text: an ID number with a valid check digit, a mobile number, an address. */
const TYPED = { id: '130102199207153839', phone: '13722223333', address: '天津市南开区鞍山道某某里5号楼2单元301室' };
const FINDINGS = `现场负责人张某（身份证号${TYPED.id}，电话${TYPED.phone}）住${TYPED.address}。依据《中华人民共和国食品安全法》第一百二十四条，天津某某餐饮有限公司于2026年3月1日被罚款5000元（津滨市监罚〔2026〕12号）。`;
const FINDINGS_MASKED = `现场负责人张某（身份证号130102********3839，电话137****3333）住天津市南开区****。依据《中华人民共和国食品安全法》第一百二十四条，天津某某餐饮有限公司于2026年3月1日被罚款5000元（津滨市监罚〔2026〕12号）。`;

let server: Server;
let officer: Client;
let officerId: string;

const json = async <T>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'zhou.supervisor', orgCode: '120116-SFJ', roles: ['supervisor'] });
  officer = await server.as('li.officer');
});

/** Every byte of the database as stored: the file and its write-ahead log. */
function databaseBytes(): Buffer {
  const files = readdirSync(server.dir).filter((f) => f.startsWith('yifa.db'));
  return Buffer.concat(files.map((f) => readFileSync(join(server.dir, f))));
}

describe('which document fields hold personal data', () => {
  const pack = () => server.services.packs.byHash(server.packHash);

  it('are the party-sourced ones and unsourced ones titled 身份证件号码, 联系电话, 住址 — not the agency’s', async () => {
    const forms = (await pack()).items.document;
    const personal = (code: string) =>
      (forms.get(code) as DocumentForm).fields.filter((f) => personalMasker(f)).map((f) => f.name);
    expect(personal('penalty-decision')).toEqual(['partyIdNumber', 'partyAddress']);
    expect(personal('case-filing-approval')).toEqual(['partyIdNumber', 'partyPhone', 'partyAddress']);
    expect(personal('inquiry-record')).toEqual(['intervieweeIdNumber', 'intervieweePhone', 'intervieweeAddress']);
    expect(personal('on-site-inspection-record')).toEqual(['partyAddress', 'presentPersonPhone', 'witness']);
    // The agency's own address is pre-filled from the subject: not personal data.
    expect(personal('hearing-notice')).not.toContain('orgAddress');
  });

  it('are sealed and joined back whole, tables and party fields included', () => {
    const form: DocumentForm = {
      code: 'x',
      name: 'x',
      issued: false,
      fields: [
        { name: 'idNo', title: '身份证件号码', type: 'string' },
        { name: 'party', title: '当事人', type: 'party' },
        {
          name: 'people',
          title: '人员',
          type: 'table',
          columns: [{ name: 'phone', title: '联系电话', type: 'string' }],
        },
        { name: 'note', title: '备注', type: 'text' },
      ],
      print: { paper: 'A4', title: 'x', blocks: [{ kind: 'spacer' }] },
    };
    const data = {
      idNo: INTERVIEWEE.id,
      party: { name: '刘某', idNumber: INTERVIEWEE.id, address: INTERVIEWEE.address },
      people: [{ phone: INTERVIEWEE.phone }, { phone: '' }],
      note: '无',
    };
    const stored = sealData(form, data);
    expect(stored.data).toEqual(maskPersonalData(form, data));
    expect(JSON.stringify(stored.data)).not.toContain(INTERVIEWEE.id);
    expect(JSON.stringify(stored.data)).not.toContain(INTERVIEWEE.phone);
    expect(stored.sealedData).toMatch(/^sm4:/);
    expect(openData(stored.data, stored.sealedData)).toEqual(data);
    expect(sealData(form, { note: '无' })).toEqual({ data: { note: '无' }, sealedData: null });
  });

  it('include what is typed into free text and table cells: masked in place, sealed, joined back exactly', () => {
    const form: DocumentForm = {
      code: 'x',
      name: 'x',
      issued: false,
      fields: [
        { name: 'findings', title: '检查情况', type: 'text' },
        { name: 'orgAddress', title: '地址', type: 'string', source: 'org.address' },
        {
          name: 'answers',
          title: '问答',
          type: 'table',
          columns: [
            { name: 'q', title: '问', type: 'string' },
            { name: 'a', title: '答', type: 'text' },
          ],
        },
      ],
      print: { paper: 'A4', title: 'x', blocks: [{ kind: 'spacer' }] },
    };
    const data = {
      findings: FINDINGS,
      orgAddress: '天津市滨海新区某某路100号',
      answers: [
        { q: '你的联系方式？', a: `手机${TYPED.phone}，住${TYPED.address}` },
        { q: '身份证号？', a: `${TYPED.id.slice(0, 17)}0（校验位不对的不是身份证号）` },
      ],
    };
    const stored = sealData(form, data);
    expect(stored.data).toEqual({
      findings: FINDINGS_MASKED,
      // The agency's own address, pre-filled from the subject, is not someone's personal data.
      orgAddress: '天津市滨海新区某某路100号',
      answers: [
        { q: '你的联系方式？', a: '手机137****3333，住天津市南开区****' },
        { q: '身份证号？', a: `${TYPED.id.slice(0, 17)}0（校验位不对的不是身份证号）` },
      ],
    });
    for (const secret of Object.values(TYPED)) expect(JSON.stringify(stored.data)).not.toContain(secret);
    expect(openData(stored.data, stored.sealedData)).toEqual(data);
  });
});

describe('documents at rest', () => {
  it('hold no 身份证号, phone number or address in the clear, yet read whole for those allowed', async () => {
    // In 立案审批, the step the 立案审批表 belongs to.
    const c = await insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId, state: 'filing' });
    const filing = await json<Doc>(
      await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'case-filing-approval' }),
    );
    expect(filing.data).toMatchObject({
      partyIdNumber: PARTY_ID,
      partyAddress: PARTY_ADDRESS,
      partyPhone: PARTY_PHONE,
    });
    const inquiry = await json<Doc>(
      await officer.post(`/api/v1/cases/${c.id}/documents`, {
        form: 'inquiry-record',
        data: {
          intervieweeName: '刘某某',
          intervieweeIdNumber: INTERVIEWEE.id,
          intervieweePhone: INTERVIEWEE.phone,
          intervieweeAddress: INTERVIEWEE.address,
        },
      }),
    );
    const inspection = await json<Doc>(
      await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'on-site-inspection-record' }),
    );
    const edited = await officer.call('PUT', `/api/v1/documents/${inspection.id}`, {
      data: { ...inspection.data, witness: WITNESS },
    });
    expect(edited.status).toBe(200);

    const bytes = databaseBytes();
    for (const secret of [PARTY_ID, PARTY_ADDRESS, PARTY_PHONE, INTERVIEWEE.id, INTERVIEWEE.phone, INTERVIEWEE.address])
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    expect(bytes.includes(Buffer.from('120104198805052345'))).toBe(false);
    // What is there instead: the masked value (so the bytes read are the documents' own).
    expect(bytes.includes(Buffer.from('120101********1234'))).toBe(true);

    const [raw] = await server.db.select().from(documents).where(eq(documents.id, inquiry.id));
    expect(raw?.data).toMatchObject({ intervieweeName: '刘某某', intervieweeIdNumber: '120101********1234' });
    expect(raw?.sealedData).toMatch(/^sm4:/);

    const read = await json<Doc>(await officer.get(`/api/v1/documents/${inquiry.id}`));
    expect(read.data).toMatchObject({
      intervieweeIdNumber: INTERVIEWEE.id,
      intervieweePhone: INTERVIEWEE.phone,
      intervieweeAddress: INTERVIEWEE.address,
    });
    expect((await json<Doc>(await officer.get(`/api/v1/documents/${inspection.id}`))).data.witness).toBe(WITNESS);
    const supervisor = await server.as('zhou.supervisor');
    const masked = await json<Doc>(await supervisor.get(`/api/v1/documents/${inquiry.id}`));
    expect(masked.data.intervieweeIdNumber).toBe('120101********1234');
    expect(masked.data.intervieweePhone).toBe('139****1111');
  });

  it('hold no personal data typed into free text in the clear: sealed, whole for those allowed, masked for others', async () => {
    const c = await insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId });
    const inspection = await json<Doc>(
      await officer.post(`/api/v1/cases/${c.id}/documents`, {
        form: 'on-site-inspection-record',
        data: { findings: FINDINGS },
      }),
    );
    const inquiry = await json<Doc>(await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'inquiry-record' }));
    const answers = `问：你的住址和电话？答：${TYPED.address}，${TYPED.phone}。`;
    const edited = await officer.call('PUT', `/api/v1/documents/${inquiry.id}`, {
      data: {
        ...inquiry.data,
        startedAt: '2026-03-02T09:00:00+08:00',
        endedAt: '2026-03-02T10:00:00+08:00',
        place: '本局询问室',
        recorder: '王强',
        intervieweeName: '张某某',
        relation: '法定代表人或负责人',
        questionsAndAnswers: answers,
        intervieweeSignature: '张某某',
        inquirerSignatures: '李明、王强',
        recorderSignature: '王强',
        // The officers' confirmations start unset and are set by the officers (第五十五条).
        identityShown: true,
        rightsInformed: true,
      },
    });
    expect(edited.status).toBe(200);
    // Issued: hashed over what was typed, stored sealed, and still whole and intact when read.
    const issued = await json<Doc>(await officer.post(`/api/v1/documents/${inquiry.id}/issue`));
    expect(issued).toMatchObject({ status: 'issued', intact: true });
    expect(issued.data.questionsAndAnswers).toBe(answers);
    expect(await (await officer.get(`/api/v1/documents/${inquiry.id}/print`)).text()).toContain(TYPED.address);

    const bytes = databaseBytes();
    for (const secret of Object.values(TYPED)) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    const [raw] = await server.db.select().from(documents).where(eq(documents.id, inspection.id));
    expect(raw?.data.findings).toBe(FINDINGS_MASKED);
    expect(raw?.sealedData).toMatch(/^sm4:/);

    // The officer of the case reads what was typed; a supervisor reads it masked, on screen and in print.
    expect((await json<Doc>(await officer.get(`/api/v1/documents/${inspection.id}`))).data.findings).toBe(FINDINGS);
    expect((await json<Doc>(await officer.get(`/api/v1/documents/${inquiry.id}`))).data.questionsAndAnswers).toBe(
      answers,
    );
    const supervisor = await server.as('zhou.supervisor');
    const seen = await json<Doc>(await supervisor.get(`/api/v1/documents/${inspection.id}`));
    expect(seen.data.findings).toBe(FINDINGS_MASKED);
    expect((await json<Doc>(await supervisor.get(`/api/v1/documents/${inquiry.id}`))).data.questionsAndAnswers).toBe(
      '问：你的住址和电话？答：天津市南开区****，137****3333。',
    );
    const html = await (await supervisor.get(`/api/v1/documents/${inspection.id}/print`)).text();
    expect(html).toContain('137****3333');
    for (const secret of Object.values(TYPED)) expect(html, secret).not.toContain(secret);
  });
});

describe('an issued document', () => {
  it('prints with the context frozen when it was issued, whatever later happens to the case', async () => {
    const c = await insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId });
    const draft = await json<Doc>(await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'inquiry-record' }));
    const complete = {
      ...draft.data,
      startedAt: '2026-03-02T09:00:00+08:00',
      endedAt: '2026-03-02T10:00:00+08:00',
      place: '本局询问室',
      recorder: '王强',
      intervieweeName: '张某某',
      relation: '法定代表人或负责人',
      questionsAndAnswers: '问：……　答：……',
      intervieweeSignature: '张某某',
      inquirerSignatures: '李明、王强',
      recorderSignature: '王强',
      identityShown: true,
      rightsInformed: true,
    };
    expect((await officer.call('PUT', `/api/v1/documents/${draft.id}`, { data: complete })).status).toBe(200);
    const issued = await json<Doc>(await officer.post(`/api/v1/documents/${draft.id}/issue`));
    expect(issued.status).toBe('issued');
    expect(issued.print.partyName).toBe('天津某某餐饮有限公司');
    const html = await (await officer.get(`/api/v1/documents/${draft.id}/print`)).text();

    // The party is renamed after the document was issued.
    await server.db
      .update(cases)
      .set({ party: sql`json_set(${cases.party}, '$.name', '天津某某新名称有限公司')` })
      .where(eq(cases.id, c.id));
    const again = await json<Doc>(await officer.get(`/api/v1/documents/${draft.id}`));
    expect(again.print.partyName).toBe('天津某某餐饮有限公司');
    expect(again.intact).toBe(true);
    expect(await (await officer.get(`/api/v1/documents/${draft.id}/print`)).text()).toBe(html);
    const other = await json<Doc>(await officer.post(`/api/v1/cases/${c.id}/documents`, { form: 'penalty-decision' }));
    expect(other.print.partyName).toBe('天津某某新名称有限公司');

    // The frozen context is part of the issued snapshot's hash: changing it is caught.
    await server.db
      .update(documents)
      .set({ printContext: { ...again.print, partyName: '别的公司' } })
      .where(eq(documents.id, draft.id));
    expect((await officer.get(`/api/v1/documents/${draft.id}/print`)).status).toBe(409);
  });
});
