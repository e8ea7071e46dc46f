/**
 * One error type for the whole server, with a closed table of codes. Every code has an
 * HTTP status and a zh-CN / en message; `app.onError` turns any AppError into
 * `{ error: { code, message, details } }`, and anything else into a 500 without leaking it.
 */

/** Every error code the API answers with, its status and its messages. */
export const ERRORS = {
  'bad-request': { status: 400, zh: '请求无效', en: 'bad request' },
  'invalid-json': { status: 400, zh: '请求体不是有效的 JSON', en: 'the request body is not valid JSON' },
  validation: { status: 422, zh: '提交的数据有误', en: 'the submitted data is invalid' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'please sign in' },
  'bad-credentials': { status: 401, zh: '用户名或密码错误', en: 'wrong user name or password' },
  'account-locked': {
    status: 423,
    zh: '登录失败次数过多，账户已暂时锁定',
    en: 'too many failed sign-ins; the account is locked for now',
  },
  'session-expired': { status: 401, zh: '会话已过期，请重新登录', en: 'the session has expired; please sign in again' },
  csrf: { status: 403, zh: '请求来源校验失败', en: 'the request failed the CSRF check' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'you may not do this' },
  'certificate-invalid': {
    status: 403,
    zh: '执法证已过期或无效，不能办理案件',
    en: 'your enforcement certificate has expired or is invalid',
  },
  'not-found': { status: 404, zh: '未找到', en: 'not found' },
  'publish-refused': {
    status: 422,
    zh: '配置包未通过校验或黄金测试，不能发布',
    en: 'the pack fails validation or golden tests and cannot be published',
  },
  conflict: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'someone else changed this; reload and try again',
  },
  'transition-refused': { status: 409, zh: '当前不能执行此操作', en: 'this action is not allowed now' },
  'document-field-refused': {
    status: 422,
    zh: '案件文书的填写内容与此操作不符',
    en: "what the case's document says does not allow this action",
  },
  'possible-duplicate': {
    status: 409,
    zh: '可能重复立案，请确认后再立案',
    en: 'this may duplicate an open case; confirm before filing',
  },
  'document-issued': {
    status: 409,
    zh: '文书已出具，不能修改；如需更正请新建版本',
    en: 'the document is issued and cannot change; create a new version to correct it',
  },
  'document-exists': {
    status: 409,
    zh: '该文书已存在；已出具的文书请通过更正新建版本',
    en: 'this document already exists; correct an issued one by creating a new version',
  },
  'document-draft': {
    status: 409,
    zh: '文书尚未出具，请直接修改草稿',
    en: 'the document is still a draft; edit it instead',
  },
  'document-altered': {
    status: 409,
    zh: '已出具的文书与出具时记录的哈希不符，可能已被改动',
    en: 'the issued document no longer matches the hash recorded when it was issued',
  },
  'file-altered': {
    status: 409,
    zh: '证据文件已被改动或缺失，与登记时的哈希不符',
    en: 'the evidence file was altered or is missing: it no longer matches the hash recorded at upload',
  },
  'review-decided': {
    status: 409,
    zh: '该法制审核已出具意见，不能再次审核',
    en: 'this legal review has already been decided',
  },
  'legal-qualification-required': {
    status: 403,
    zh: '法制审核人员应当取得法律职业资格（行政处罚法第五十八条）',
    en: 'legal reviewers must hold the legal professional qualification (Administrative Penalty Law art. 58)',
  },
  'case-closed': { status: 409, zh: '案件已办结，不能修改', en: 'the case is closed and cannot change' },
  'document-state': {
    status: 409,
    zh: '本文书只能在其所属环节填写和出具',
    en: 'this document can be filled and issued only in its own step',
  },
  'document-section': {
    status: 403,
    zh: '文书的这一部分由其他角色填写',
    en: 'this part of the document is filled by another role',
  },
  'document-issuer': {
    status: 403,
    zh: '此文书由其他角色签发',
    en: 'this document is issued by another role',
  },
  'pack-invalid': { status: 422, zh: '配置包校验未通过', en: 'the pack did not validate' },
  'too-large': { status: 413, zh: '请求体过大', en: 'the request body is too large' },
  'unsupported-media': { status: 415, zh: '不支持的文件类型', en: 'unsupported media type' },
  'rate-limited': { status: 429, zh: '请求过于频繁', en: 'too many requests' },
  internal: { status: 500, zh: '服务器内部错误', en: 'internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

/** An error code of the API. */
export type ErrorCode = keyof typeof ERRORS;

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: { zh: string; en: string }; details?: unknown };
}

/** An error the API answers with a status and a body; throw it from any handler. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** A more specific message than the code's default, in both languages. */
  readonly messages: { zh: string; en: string };

  constructor(code: ErrorCode, details?: unknown, message?: { zh: string; en: string }) {
    super(message?.en ?? ERRORS[code].en);
    this.code = code;
    this.details = details;
    this.messages = message ?? { zh: ERRORS[code].zh, en: ERRORS[code].en };
  }

  /** The HTTP status of this error. */
  get status(): number {
    return ERRORS[this.code].status;
  }

  /** The response body. */
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.messages,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** Any thrown value as an AppError (unknown ones become `internal`, with nothing leaked). */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('internal');
}
