/**
 * The four documents of a filled 普通程序 case as the platform prints them — 立案审批表,
 * 法制审核意见书, 事先告知书 and 行政处罚决定书 — for the PDF print test and for
 * `platform/scripts/pdf-screenshots.ts`, which renders them to docs/screenshots/pdf-*.png.
 *
 * The case is the food case the platform tests open (test/food-case.ts) with the party
 * cooperating (a lighter circumstance of the benchmark). Each document is prefilled from the
 * case as a new document is (prefill.ts), completed with what each signer writes, checked as
 * the routes check it, stored as a draft and fetched from GET /documents/{id}/pdf, the route officers print from.
 */
import { randomUUID } from 'node:crypto';
import { checkDocument } from '@yifa/engine';
import { eq } from 'drizzle-orm';
import { cases, documents } from '../src/db/schema.ts';
import { documentContext } from '../src/documents/context.ts';
import { formHash } from '../src/documents/hash.ts';
import { prefill } from '../src/documents/prefill.ts';
import { insertTestCase } from '../src/documents/test-case.ts';
import { loadCase } from '../src/storage/snapshot.ts';
import { FOOD_FACTS, FOOD_MATTER } from './food-case.ts';
import { startTestServer } from './harness.ts';

/** What each signer writes on the four forms (the rest comes from the case). */
export const SAMPLE_DATA: Record<string, Record<string, unknown>> = {
  'case-filing-approval': {
    caseSource: '投诉举报',
    sourceDetail: '滨海新区12345热线转办单 BH-2026-0301-000123456789',
    discoveredAt: '2026-03-01',
    caseSummary:
      '2026年3月1日，执法人员根据投诉对当事人经营场所进行检查，发现当事人未取得食品经营许可，在店内销售预包装食品，货值金额约8,000元。当事人涉嫌违反《中华人民共和国食品安全法》第三十五条第一款的规定，符合立案条件，且在行政处罚时效内。',
    officerSignature: '李明',
    departmentOpinion: '同意立案调查。',
    departmentSignature: '赵科长',
    agencyDecision: '同意立案',
    agencyOpinion: '同意立案，由李明、王强承办。',
    agencySignature: '钱局长',
    approvedAt: '2026-03-02',
  },
  'legal-review-opinion': {
    submittingUnit: '滨海新区市场监督管理局食品经营监管科',
    submittedAt: '2026-03-20',
    reviewGrounds: ['直接关系当事人或者第三人重大权益且经过听证程序'],
    materials: ['情况说明', '拟作出的处罚决定文本', '证据材料', '裁量基准适用说明'],
    subjectLawful: '符合',
    factsClear: '符合',
    lawCorrect: '符合',
    discretionProper: '符合',
    procedureLawful: '符合',
    documentsProper: '符合',
    crimeSuspected: false,
    opinion: '同意',
    reasons: '本案事实清楚，证据确凿充分，定性准确，适用依据正确，裁量适当，程序合法，同意承办机构提出的处理意见。',
    reviewer: '孙法制',
    reviewerQualification: 'A20181200000123456',
    reviewerSignature: '孙法制',
    headOpinion: '同意审核意见。',
    headSignature: '周主任',
    reviewedAt: '2026-03-22',
  },
  'advance-notice': {
    facts: '自2026年1月起，未取得食品经营许可，在滨海新区新港街道某某路18号店内销售预包装食品，货值金额8,000元。',
    evidenceSummary: '现场检查笔录、询问笔录、当事人营业执照复印件、销售记录及现场照片。',
    proposedPenalties: ['罚款'],
    contact: '李明',
    contactPhone: '022-25201234',
    issuedAt: '2026-03-25',
  },
  'penalty-decision': {
    investigationCourse:
      '2026年3月1日，本机关根据投诉对当事人经营场所进行检查，发现当事人涉嫌未取得食品经营许可从事食品经营活动，经批准于2026年3月2日立案调查。',
    facts: '当事人自2026年1月起，未取得食品经营许可，在滨海新区新港街道某某路18号店内销售预包装食品，货值金额8,000元。',
    evidence: [
      { name: '现场检查笔录', proves: '当事人经营场所及经营情况' },
      { name: '询问笔录', proves: '当事人未取得许可从事经营的事实' },
      { name: '销售记录', proves: '违法经营的货值金额' },
    ],
    statementAdoption:
      '当事人在规定期限内提出陈述、申辩意见，称系初次经营、不了解许可规定。经复核，当事人所述不影响违法事实的认定，不予采纳。',
    penalties: ['罚款'],
    reconsiderationOrgan: '天津市滨海新区人民政府',
    court: '天津市滨海新区人民法院',
    decidedAt: '2026-04-08',
  },
};

/** The four forms, in the order a case produces them, with the file names of their renderings. */
export const SAMPLE_FORMS = [
  { form: 'case-filing-approval', name: 'case-filing-approval' },
  { form: 'legal-review-opinion', name: 'legal-review-opinion' },
  { form: 'advance-notice', name: 'advance-notice' },
  { form: 'penalty-decision', name: 'penalty-decision' },
] as const;

/** A rendered sample: the form, its data as stored and its PDF bytes. */
export interface SamplePdf {
  form: string;
  name: string;
  data: Record<string, unknown>;
  pdf: Buffer;
}

/** Renders the four documents of the filled case through the platform's PDF route. */
export async function renderSamplePdfs(): Promise<SamplePdf[]> {
  const server = await startTestServer({ now: () => new Date('2026-04-08T02:00:00Z') });
  const officer = await server.user({
    username: 'print-officer',
    displayName: '李明',
    certificateNo: '12011620230017',
    orgCode: '120116-SCJ',
    roles: ['officer'],
  });
  const c = await insertTestCase(server.db, {
    packHash: server.packHash,
    createdBy: officer.id,
    matterCode: FOOD_MATTER,
    state: 'decision',
    // The party cooperated: a lighter circumstance the decision states.
    facts: { ...FOOD_FACTS, cooperated: true },
  });
  await server.db
    .update(cases)
    .set({ violationDate: '2026-01-15', number: '津滨市监立〔2026〕0123号' })
    .where(eq(cases.id, c.id));
  const [row] = await server.db.select().from(cases).where(eq(cases.id, c.id));
  if (!row) throw new Error('the sample case was not stored');
  const today = '2026-04-08';
  const dc = await documentContext(server.db, await loadCase(server.db, server.services.packs, row, today), today);
  const client = await server.as('print-officer');
  const out: SamplePdf[] = [];
  for (const { form: code, name } of SAMPLE_FORMS) {
    const form = dc.loaded.pack.items.document.get(code);
    if (!form) throw new Error(`the Binhai pack has no form ${code}`);
    // As the document routes store it: prefilled, then checked (hidden fields dropped, computed
    // ones such as 罚没款合计 recomputed); the sample must be complete and correct.
    const check = checkDocument(form, prefill(form, SAMPLE_DATA[code] ?? {}, dc), dc.facts, dc.loaded.env);
    const wrong = [...check.problems, ...check.missing];
    if (wrong.length) throw new Error(`${code}: ${wrong.map((p) => `${p.field} ${p.message.en}`).join('; ')}`);
    const data = check.values;
    const id = randomUUID();
    await server.db.insert(documents).values({
      id,
      caseId: c.id,
      formCode: code,
      version: 1,
      status: 'draft',
      data,
      formHash: formHash(form),
      createdBy: officer.id,
    });
    const res = await client.get(`/api/v1/documents/${id}/pdf`);
    if (res.status !== 200) throw new Error(`PDF of ${code}: ${res.status} ${await res.text()}`);
    out.push({ form: code, name, data, pdf: Buffer.from(await res.arrayBuffer()) });
  }
  server.db.$client.close();
  return out;
}
