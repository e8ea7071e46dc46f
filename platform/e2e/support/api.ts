/**
 * Setting a case up over HTTP before a browser test takes it over (the officer flow test
 * does every step in the browser; the phone and error tests start from a case already filed).
 */
import { PASSWORD } from './server.ts';

/** A signed-in HTTP client, cookie and CSRF token kept as the browser keeps them. */
export async function apiAs(url: string, username: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
  };
}

/** Facts that decide the 食品安全法第一百二十二条 benchmark's tier (一般) for a 70,000 元 fine. */
export const FACTS = {
  goodsValue: 8000,
  harmConsequence: '一般',
  noSubjectiveFault: false,
  obstructedEnforcement: false,
  partyPriorPenalties12m: 0,
  proposedFine: 70000,
  proposedPenalties: ['fine'],
};

/** A complete 立案审批表 for the seeded case (the officer's part and the agency head's). */
export const FILING_APPROVAL = {
  caseSource: '监督检查发现',
  discoveredAt: '2026-06-01',
  caseSummary: '日常检查中发现当事人涉嫌未取得食品经营许可销售食品。',
  officerSignature: '李明',
  agencyDecision: '同意立案',
  agencySignature: '钱局长',
};

/** Its two parts: each is filled by its own role (the form's sections), never one for the other. */
export const { agencyDecision: _decision, agencySignature: _signature, ...OFFICER_PART } = FILING_APPROVAL;
export const AGENCY_PART = {
  agencyDecision: FILING_APPROVAL.agencyDecision,
  agencySignature: FILING_APPROVAL.agencySignature,
};

/** How seedCase opens its case: other facts. */
export interface SeedOptions {
  facts?: Record<string, unknown>;
}

/**
 * Opens a case of 未取得食品生产经营许可 for a company, by the officer and every certified
 * colleague (a case is opened by two at least: 第四十二条), its filing approval complete; `approve` also has the agency
 * head approve the filing (the case is then in 调查取证).
 */
export async function seedCase(
  url: string,
  people: { officer: string; agency: string },
  approve = true,
  o: SeedOptions = {},
) {
  const officer = await apiAs(url, people.officer);
  const colleagues = await officer.get<{ items: { id: string }[] }>('/colleagues');
  const opened = await officer.post<{ id: string; number: string }>('/cases', {
    matter: '120116-SCJ-CF-0001-01',
    party: {
      kind: 'organisation',
      name: '天津滨海某某超市有限公司',
      idNumber: '91120116MA05JXQ218',
      address: '天津市滨海新区塘沽街道某某路8号',
      representative: '刘某某',
    },
    violationDate: '2026-06-01',
    officers: colleagues.items.map((c) => c.id),
    facts: o.facts ?? FACTS,
  });
  if (!approve) return opened;
  const filing = await officer.post<{ id: string; data: Record<string, unknown>; updatedAt: string }>(
    `/cases/${opened.id}/documents`,
    { form: 'case-filing-approval', data: OFFICER_PART },
  );
  const agency = await apiAs(url, people.agency);
  await agency.put(`/documents/${filing.id}`, {
    data: { ...filing.data, ...AGENCY_PART },
    updatedAt: filing.updatedAt,
  });
  const detail = await agency.get<{ version: number }>(`/cases/${opened.id}`);
  await agency.post(`/cases/${opened.id}/transitions`, { action: 'approve-filing', version: detail.version });
  return opened;
}
