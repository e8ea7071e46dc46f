/**
 * The moves a demo step makes on a case, each one request (or two) to the API as the user
 * would make it: open, record facts, take an action at the case's current version, fill in a
 * document (which must come back with nothing required missing) and issue it, give a review
 * opinion.
 */
import type { DemoClient, Json } from './client.ts';
import type { CaseState } from './story.ts';

/** A party as the API takes it. */
export interface Party {
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string;
  address?: string;
  phone?: string;
  representative?: string;
}

/** Opens a case and keeps its id and number. */
export async function openCase(
  by: DemoClient,
  c: CaseState,
  body: {
    matter: string;
    party: Party;
    facts?: Record<string, unknown>;
    violationDate?: string;
    officers?: string[];
    workflow?: string;
  },
): Promise<void> {
  const opened = await by.post('/api/v1/cases', body);
  c.id = opened.id;
  c.number = opened.number;
}

async function versionOf(by: DemoClient, c: CaseState): Promise<number> {
  return (await by.get(`/api/v1/cases/${c.id}`)).version;
}

/** Takes a workflow action at the case's current version; keeps a review it opens. */
export async function act(by: DemoClient, c: CaseState, action: string, reason?: string): Promise<Json> {
  const version = await versionOf(by, c);
  const done = await by.post(`/api/v1/cases/${c.id}/transitions`, {
    action,
    version,
    ...(reason ? { reason } : {}),
  });
  if (done.review) c.reviewId = done.review.id;
  return done;
}

/** Records facts on the case. */
export async function recordFacts(by: DemoClient, c: CaseState, facts: Record<string, unknown>): Promise<void> {
  await by.patch(`/api/v1/cases/${c.id}/facts`, { version: await versionOf(by, c), facts });
}

/** Required fields of a form that another role fills in its own section (the agency head's approval). */
const LEFT_FOR_OTHERS: Record<string, readonly string[]> = {
  'case-filing-approval': ['agencyDecision', 'agencySignature'],
};

/**
 * The agency head approves the filing as the law has it (第五十四条第二款): fills their own part of
 * the 立案审批表, then takes 批准立案.
 */
export async function approveFiling(by: DemoClient, c: CaseState, head: string): Promise<void> {
  const ref = c.documents['case-filing-approval'];
  if (!ref) throw new Error(`case ${c.number} has no 立案审批表`);
  const doc = await by.get(`/api/v1/documents/${ref.id}`);
  const data = { ...doc.data, agencyDecision: '同意立案', agencyOpinion: '同意立案调查。', agencySignature: head };
  c.documents['case-filing-approval'] = await by.put(`/api/v1/documents/${ref.id}`, { data, updatedAt: doc.updatedAt });
  await act(by, c, 'approve-filing');
}

/**
 * Fills in a document (pre-filled by the server from the case) and, when an issuer is given,
 * issues it. A document left with required fields empty is an error of the demo's data.
 */
export async function fillDocument(
  by: DemoClient,
  c: CaseState,
  form: string,
  data: Record<string, unknown>,
  issuer?: DemoClient,
): Promise<Json> {
  let doc = await by.post(`/api/v1/cases/${c.id}/documents`, { form, data });
  const left = LEFT_FOR_OTHERS[form] ?? [];
  const missing = doc.missing.map((m: Json) => m.field as string).filter((f: string) => !left.includes(f));
  if (missing.length > 0) throw new Error(`${form}: 必填项未填 / required fields empty: ${missing.join(', ')}`);
  if (issuer) doc = await issuer.post(`/api/v1/documents/${doc.id}/issue`);
  c.documents[form] = doc;
  return doc;
}

/** Every item of the 法制审核 checklist passed. */
export const CHECKLIST_PASSED = {
  subjectLawful: true,
  procedureLawful: true,
  factsClear: true,
  lawCorrectDiscretionProper: true,
  documentsComplete: true,
  crimeReferral: false,
  other: false,
};

/**
 * Gives the opinion on the case's open review, entered once: the opinion, checklist and comment
 * fill the 法制审核意见书 with `document` (its fields the review does not give), and the one submit
 * issues it and takes the reviewer's transition (审核同意, or 退回 when the opinion disagrees).
 */
export async function giveOpinion(
  by: DemoClient,
  c: CaseState,
  opinion: 'agree' | 'disagree' | 'agree-after-change',
  comment?: string,
  document?: Record<string, unknown>,
): Promise<void> {
  if (!c.reviewId) throw new Error(`case ${c.number} has no open review`);
  await by.post(`/api/v1/reviews/${c.reviewId}/opinion`, {
    opinion,
    checklist: CHECKLIST_PASSED,
    ...(comment ? { comment } : {}),
    ...(document ? { document } : {}),
  });
}
