import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/harness.ts';
import { answerBeforeBody, listen } from '../../test/listen.ts';
import { auditEvents } from '../db/schema.ts';
import { evidencePath } from '../documents/evidence.ts';
import { insertTestCase } from '../documents/test-case.ts';
import type { FieldProblem } from '../validation.ts';

process.env.YIFA_DATA_KEY ??= '0123456789abcdeffedcba9876543210';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Client = Awaited<ReturnType<Server['as']>>;
interface Attachment {
  id: string;
  caseId: string;
  sha256: string;
  size: number;
  mime: string;
  filename: string;
  note: string | null;
}
interface ErrorBody {
  error: { code: string; message: { zh: string; en: string }; details?: Record<string, unknown> };
}

let server: Server;
let officer: Client;
let officerId: string;

const bytes = (head: number[] | string, size = 64, fill = 7) => {
  const h = typeof head === 'string' ? Buffer.from(head, 'latin1') : Buffer.from(head);
  const b = Buffer.alloc(Math.max(size, h.length), fill);
  h.copy(b);
  return b;
};
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 256);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 128);
const PDF = bytes('%PDF-1.7\n', 128);
const WEBP = bytes('RIFF\x10\x00\x00\x00WEBPVP8 ', 64);
const MP4 = bytes('\x00\x00\x00\x18ftypisom', 64);
const MP3 = bytes('ID3\x04\x00', 64);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function upload(client: Client, caseId: string, body: Uint8Array, type: string | undefined, query: string) {
  return server.app.request(`/api/v1/cases/${caseId}/attachments?${query}`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, ...(type ? { 'content-type': type } : {}) },
    body,
  });
}
const q = (filename: string, note?: string) => new URLSearchParams({ filename, ...(note ? { note } : {}) }).toString();
const json = async <T>(res: Response) => (await res.json()) as T;
const newCase = () => insertTestCase(server.db, { packHash: server.packHash, createdBy: officerId });
const auditCount = async () => (await server.db.select({ n: count() }).from(auditEvents))[0]?.n ?? 0;

beforeAll(async () => {
  server = await startTestServer();
  const cert = { certificateNo: '12011620260001', certificateValidUntil: '2099-12-31' };
  officerId = (await server.user({ username: 'li.officer', orgCode: '120116-SCJ', roles: ['officer'], ...cert })).id;
  await server.user({ username: 'zhao.other', orgCode: '120116-STJ', roles: ['officer'], ...cert });
  await server.user({ username: 'qian.reviewer', orgCode: '120116-STJ', roles: ['legal-reviewer'] });
  await server.user({ username: 'zhou.supervisor', orgCode: '120116-SFJ', roles: ['supervisor'] });
  officer = await server.as('li.officer');
});

describe('evidence upload', () => {
  it('stores a file once by its hash, records it and lists it', async () => {
    const c = await newCase();
    const res = await upload(officer, c.id, PNG, 'image/png', q('现场照片 1.png', '经营场所门头'));
    expect(res.status).toBe(201);
    const a = await json<Attachment>(res);
    expect(a).toMatchObject({ sha256: sha256(PNG), size: PNG.length, mime: 'image/png', filename: '现场照片 1.png' });
    expect(a.note).toBe('经营场所门头');
    const path = evidencePath(server.services.filesDir, a.sha256);
    expect(path).toBe(join(server.services.filesDir, a.sha256.slice(0, 2), a.sha256));
    const written = statSync(path).mtimeMs;

    // The same bytes again: a second record, the same file, not rewritten.
    const again = await json<Attachment>(await upload(officer, c.id, PNG, 'image/png', q('copy.png')));
    expect(again.sha256).toBe(a.sha256);
    expect(again.id).not.toBe(a.id);
    expect(statSync(path).mtimeMs).toBe(written);
    expect(readdirSync(join(server.services.filesDir, a.sha256.slice(0, 2)))).toEqual([a.sha256]);

    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.target, a.id));
    expect(event).toMatchObject({ action: 'attachment.add', caseId: c.id, after: { sha256: a.sha256 } });

    const list = await json<{ attachments: Attachment[] }>(await officer.get(`/api/v1/cases/${c.id}/attachments`));
    expect(list.attachments.map((x) => [x.filename, x.sha256])).toEqual([
      ['现场照片 1.png', a.sha256],
      ['copy.png', a.sha256],
    ]);
  });

  it('accepts each allowed type whose bytes match it', async () => {
    const c = await newCase();
    for (const [type, body] of [
      ['image/jpeg', JPEG],
      ['application/pdf', PDF],
      ['image/webp', WEBP],
      ['video/mp4', MP4],
      ['audio/mpeg', MP3],
      ['image/png; charset=binary', PNG],
    ] as const) {
      const res = await upload(officer, c.id, body, type, q(`f.${type.split('/')[1]}`));
      expect(res.status, type).toBe(201);
    }
  });

  it('refuses a type that is not allowed or does not match the bytes (415)', async () => {
    const c = await newCase();
    const mismatch = await upload(officer, c.id, PNG, 'image/jpeg', q('fake.jpg'));
    expect(mismatch.status).toBe(415);
    const b = await json<ErrorBody>(mismatch);
    expect(b.error.code).toBe('unsupported-media');
    expect(b.error.details).toMatchObject({ declared: 'image/jpeg', detected: 'image/png' });
    expect(b.error.message.zh).toContain('不符');
    const script = await upload(officer, c.id, bytes('<script>alert(1)</script>'), 'image/png', q('x.png'));
    expect(script.status).toBe(415);
    expect((await upload(officer, c.id, bytes('MZ\x90\x00'), 'application/x-msdownload', q('x.exe'))).status).toBe(415);
    expect((await upload(officer, c.id, PDF, 'text/html', q('x.html'))).status).toBe(415);
    expect((await upload(officer, c.id, PDF, undefined, q('x.pdf'))).status).toBe(415);
    const list = await json<{ attachments: unknown[] }>(await officer.get(`/api/v1/cases/${c.id}/attachments`));
    expect(list.attachments).toEqual([]);
  });

  it('takes up to 20 MB on this route only, and refuses more (413)', async () => {
    const c = await newCase();
    const big = bytes('%PDF-1.7\n', 5 * 1024 * 1024);
    expect((await upload(officer, c.id, big, 'application/pdf', q('big.pdf'))).status).toBe(201);
    const huge = bytes('%PDF-1.7\n', 20 * 1024 * 1024 + 1);
    const res = await upload(officer, c.id, huge, 'application/pdf', q('huge.pdf'));
    expect(res.status).toBe(413);
    expect((await json<ErrorBody>(res)).error.code).toBe('too-large');
    // The JSON routes keep their 1 MB limit.
    const json2mb = await officer.call('POST', `/api/v1/cases/${c.id}/documents`, {
      form: 'inquiry-record',
      data: { place: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(json2mb.status).toBe(413);
  });

  it('answers bad input with clear 4xx errors', async () => {
    const c = await newCase();
    expect((await upload(officer, c.id, new Uint8Array(0), 'image/png', q('empty.png'))).status).toBe(400);
    const noName = await upload(officer, c.id, PNG, 'image/png', '');
    expect(noName.status).toBe(422);
    const nb = await json<{ error: { details: { problems: { path: string; message: { zh: string } }[] } } }>(noName);
    expect(nb.error.details.problems[0]?.path).toBe('/filename');
    expect(nb.error.details.problems[0]?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((await upload(officer, c.id, PNG, 'image/png', q('../../etc/passwd'))).status).toBe(422);
    expect((await upload(officer, c.id, PNG, 'image/png', `${q('a.png')}&admin=1`)).status).toBe(422);
    expect((await upload(officer, c.id, PNG, 'image/png', q('a.png', 'n'.repeat(2001)))).status).toBe(422);
    expect((await upload(officer, 'no-such-case', PNG, 'image/png', q('a.png'))).status).toBe(404);
    const odd = `<img src=x onerror=alert(1)>'; DROP TABLE attachments;--.png`;
    const stored = await json<Attachment>(await upload(officer, c.id, PNG, 'image/png', q(odd)));
    expect(stored.filename).toBe(odd);
    const dl = await officer.get(`/api/v1/attachments/${stored.id}`);
    expect(dl.status).toBe(200);
    expect(decodeURIComponent((dl.headers.get('content-disposition') ?? '').split("UTF-8''")[1] ?? '')).toBe(odd);
  });

  it('refuses control and bidirectional characters in a file name (422 naming the character), and paths', async () => {
    const c = await newCase();
    const names: [string, string][] = [
      ['现场照片\u202Egnp.exe', 'U+202E'],
      ['\u2067photo.png', 'U+2067'],
      ['a\u200Eb.png', 'U+200E'],
      ['a\u061Cb.png', 'U+061C'],
      ['a\tb.png', 'U+0009'],
      ['a\u009Bb.png', 'U+009B'],
    ];
    for (const [name, char] of names) {
      const res = await upload(officer, c.id, PNG, 'image/png', q(name));
      expect(res.status, char).toBe(422);
      const [p] = (await json<{ error: { details: { problems: FieldProblem[] } } }>(res)).error.details.problems;
      expect(p).toMatchObject({ path: '/filename', code: 'control-character' });
      expect(p?.message.zh).toContain(char);
      expect(p?.message.en).toContain(char);
    }
    const slash = await upload(officer, c.id, PNG, 'image/png', q('a/b.png'));
    const [p] = (await json<{ error: { details: { problems: FieldProblem[] } } }>(slash)).error.details.problems;
    expect(p).toMatchObject({ path: '/filename', code: 'path-separator' });
    expect(p?.message.zh).toContain('路径分隔符');
    const list = await json<{ attachments: unknown[] }>(await officer.get(`/api/v1/cases/${c.id}/attachments`));
    expect(list.attachments).toEqual([]);
  });
});

describe('personal data in a file name or note', () => {
  it('is masked in the audit event, and for a reader who sees masked data', async () => {
    const c = await newCase();
    const filename = '证人赵某身份证130102199207153839.png';
    const note = '赵某，电话13722223333，住天津市南开区鞍山道某某里5号楼';
    const a = await json<Attachment>(await upload(officer, c.id, PNG, 'image/png', q(filename, note)));
    expect(a).toMatchObject({ filename, note });
    const [event] = await server.db.select().from(auditEvents).where(eq(auditEvents.target, a.id));
    expect(event?.after).toMatchObject({ filename: '证人赵某身份证130102********3839.png' });
    expect(JSON.stringify(event)).not.toContain('130102199207153839');

    const list = async (client: Client) =>
      (await json<{ attachments: Attachment[] }>(await client.get(`/api/v1/cases/${c.id}/attachments`))).attachments;
    expect(await list(officer)).toMatchObject([{ filename, note }]);
    expect(await list(await server.as('zhou.supervisor'))).toMatchObject([
      { filename: '证人赵某身份证130102********3839.png', note: '赵某，电话137****3333，住天津市南开区****' },
    ]);
    // At rest the record holds name and note masked and the originals sealed; the download names the file as typed.
    const stored = await server.db.$client.execute({
      sql: 'SELECT filename, note, sealed_text FROM attachments WHERE id = ?',
      args: [a.id],
    });
    for (const secret of ['130102199207153839', '13722223333', '鞍山道'])
      expect(JSON.stringify(stored.rows), secret).not.toContain(secret);
    expect(String(stored.rows[0]?.sealed_text)).toMatch(/^sm4:/);
    const download = await officer.get(`/api/v1/attachments/${a.id}`);
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent(filename));
  });
});

describe('evidence download', () => {
  it('sends the stored bytes with their type and name', async () => {
    const c = await newCase();
    const a = await json<Attachment>(await upload(officer, c.id, PDF, 'application/pdf', q('询问笔录.pdf')));
    const res = await officer.get(`/api/v1/attachments/${a.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('询问笔录.pdf')}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('answers 409 file-altered for a changed or missing file, and records nothing', async () => {
    const c = await newCase();
    const body = bytes([0xff, 0xd8, 0xff, 0xe1], 300, 9);
    const a = await json<Attachment>(await upload(officer, c.id, body, 'image/jpeg', q('tampered.jpg')));
    const path = evidencePath(server.services.filesDir, a.sha256);
    const before = await auditCount();
    writeFileSync(path, bytes([0xff, 0xd8, 0xff, 0xe1], 300, 8));
    const altered = await officer.get(`/api/v1/attachments/${a.id}`);
    expect(altered.status).toBe(409);
    const b = await json<ErrorBody>(altered);
    expect(b.error.code).toBe('file-altered');
    expect(b.error.message.zh).toContain('已被改动');
    expect(b.error.details).toMatchObject({ sha256: a.sha256, reason: 'altered' });
    rmSync(path);
    expect(existsSync(path)).toBe(false);
    const missing = await officer.get(`/api/v1/attachments/${a.id}`);
    expect(missing.status).toBe(409);
    expect((await json<ErrorBody>(missing)).error.details).toMatchObject({ reason: 'missing' });
    expect(await auditCount()).toBe(before);

    // Uploading the original again restores the file.
    await upload(officer, c.id, body, 'image/jpeg', q('again.jpg'));
    expect((await officer.get(`/api/v1/attachments/${a.id}`)).status).toBe(200);
  });
});

describe('scope', () => {
  it('hides a case’s evidence from officers and reviewers of another subject', async () => {
    const c = await newCase();
    const a = await json<Attachment>(await upload(officer, c.id, PNG, 'image/png', q('scene.png')));
    const other = await server.as('zhao.other');
    expect((await upload(other, c.id, PNG, 'image/png', q('x.png'))).status).toBe(404);
    expect((await other.get(`/api/v1/cases/${c.id}/attachments`)).status).toBe(404);
    expect((await other.get(`/api/v1/attachments/${a.id}`)).status).toBe(404);
    const reviewer = await server.as('qian.reviewer');
    expect((await reviewer.get(`/api/v1/cases/${c.id}/attachments`)).status).toBe(404);
    expect((await reviewer.get(`/api/v1/attachments/${a.id}`)).status).toBe(404);
    // A legal reviewer may not upload evidence at all.
    expect((await upload(reviewer, c.id, PNG, 'image/png', q('x.png'))).status).toBe(403);
    const list = await json<{ attachments: unknown[] }>(await officer.get(`/api/v1/cases/${c.id}/attachments`));
    expect(list.attachments).toHaveLength(1);
  });

  it('refuses who may not upload, or not to this case, before a byte of the body is read (real socket)', async () => {
    const c = await newCase();
    const http = await listen(server.app.fetch);
    const post = (client: Client | undefined) =>
      answerBeforeBody(`${http.url}/api/v1/cases/${c.id}/attachments?${q('big.pdf')}`, {
        headers: {
          'content-type': 'application/pdf',
          ...(client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {}),
        },
        length: 20 * 1024 * 1024,
        first: '%PDF-1.7\n',
      });
    try {
      const reviewer = await post(await server.as('qian.reviewer'));
      expect(reviewer.status).toBe(403);
      expect((JSON.parse(reviewer.body) as ErrorBody).error.code).toBe('forbidden');
      expect((await post(await server.as('zhao.other'))).status).toBe(404);
      expect((await post(undefined)).status).toBe(401);
    } finally {
      await http.close();
    }
  });
});
