/**
 * The database, as drizzle table definitions (SQLite dialect on libsql). Row types are
 * derived from these (`$inferSelect`), never written twice. Only the storage modules
 * import this file; routes go through them, so a second dialect means a second schema
 * file and the same storage interface.
 */
import type { PrintContext } from '@yifa/engine';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

/** Imported pack versions (bundles), one of which is active. */
export const packVersions = sqliteTable(
  'pack_versions',
  {
    hash: text('hash').primaryKey(),
    packId: text('pack_id').notNull(),
    version: text('version').notNull(),
    name: text('name').notNull(),
    bundle: text('bundle').notNull(),
    importedAt: text('imported_at').notNull().default(now),
    importedBy: text('imported_by'),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('pack_versions_id_version').on(t.packId, t.version)],
);

/**
 * A pack version active for an organisation's subtree (a city's pack for the city's
 * organisations), beside the copy-wide one (`pack_versions.active`). A user, and a case opened
 * by that user, takes the pack of the nearest organisation above them that has one.
 */
export const packActivations = sqliteTable('pack_activations', {
  /** The root of the subtree. */
  orgCode: text('org_code').primaryKey(),
  hash: text('hash')
    .notNull()
    .references(() => packVersions.hash),
  activatedAt: text('activated_at').notNull(),
  activatedBy: text('activated_by').notNull(),
});

/** The organisation hierarchy of the active pack (editable live later). */
export const organisations = sqliteTable('organisations', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  type: text('type').notNull(),
  parent: text('parent'),
  numberingPrefix: text('numbering_prefix'),
  enforcementSubject: integer('enforcement_subject', { mode: 'boolean' }).notNull(),
  /** Codes from the root down to this organisation, joined by '/', for subject-tree scopes. */
  path: text('path').notNull(),
});

/**
 * 行业业务监督: which organisation supervises which subject in its sector besides the parent
 * (a district's market regulator over the development zone's market bureau), with the
 * subject's path, so a sector-supervised scope reads the subject's tree in one indexed lookup.
 * Rebuilt from the pack's organisations on activation, like `organisations`.
 */
export const sectorSupervision = sqliteTable(
  'sector_supervision',
  {
    supervisor: text('supervisor_code').notNull(),
    subject: text('supervised_code').notNull(),
    /** The supervised subject's path (organisations.path); names unlike any column of cases or organisations, so a correlated subquery cannot confuse them. */
    subjectPath: text('supervised_path').notNull(),
  },
  (t) => [primaryKey({ columns: [t.supervisor, t.subject] })],
);

/** People who sign in. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  orgCode: text('org_code').notNull(),
  roles: json<string[]>('roles').notNull(),
  certificateNo: text('certificate_no'),
  certificateValidUntil: text('certificate_valid_until'),
  legalQualification: integer('legal_qualification', { mode: 'boolean' }).notNull().default(false),
  passwordChangedAt: text('password_changed_at').notNull().default(now),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
  /** When a security administrator locked the account (until unlocked), or null; apart from the sign-in failures' timed lock. */
  lockedAt: text('locked_at'),
});

/**
 * One row (id 1): the password and sign-in policy the security administrator set (口令复杂度,
 * 登录失败处理), over the defaults from the environment; no row means the defaults.
 */
export const securitySettings = sqliteTable('security_settings', {
  id: integer('id').primaryKey(),
  minLength: integer('min_length').notNull(),
  minClasses: integer('min_classes').notNull(),
  maxFailures: integer('max_failures').notNull(),
  lockMinutes: integer('lock_minutes').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * Failed sign-ins by the user name typed, known or not (登录失败处理): counted in the database
 * with one atomic upsert, so concurrent guesses and several processes count exactly, and an
 * unknown name is counted and locked like a real one (nothing tells which names exist).
 */
export const signInFailures = sqliteTable('sign_in_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: text('locked_until'),
});

/** Signed-in sessions; the cookie carries the id, the table its hash. */
export const sessions = sqliteTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: text('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: text('created_at').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/** Party of a case: a person (身份证号) or an organisation (统一社会信用代码). Personal data is stored encrypted. */
export interface StoredParty {
  kind: 'person' | 'organisation';
  name: string;
  /** SM4-encrypted 身份证号 or 统一社会信用代码. */
  idNumber: string;
  address?: string;
  phone?: string;
  representative?: string;
}

/** Cases: one run of a matter's workflow, pinned to the pack version it was opened under. */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    matterCode: text('matter_code').notNull(),
    workflowCode: text('workflow_code').notNull(),
    category: text('category').notNull(),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    packHash: text('pack_hash').notNull(),
    state: text('state').notNull(),
    party: json<StoredParty>('party').notNull(),
    /** Facts with the personal data typed into their texts masked; the replaced texts are in sealedFacts. */
    facts: json<Record<string, unknown>>('facts').notNull(),
    /** SM4-sealed originals of what the masks in facts replaced (documents/sealed.ts), or null. */
    sealedFacts: text('sealed_facts'),
    officers: json<string[]>('officers').notNull(),
    /** First entry into each state (ISO date-time), for deadlines and daysSince. */
    stateEntered: json<Record<string, string>>('state_entered').notNull(),
    extensions: json<Record<string, number>>('extensions').notNull(),
    violationDate: text('violation_date'),
    openedAt: text('opened_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    closedAt: text('closed_at'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    /**
     * The case this one concerns (a 复议, 应诉 or enforcement case links to the decision case), or
     * null. Its facts and state are the rules' `linked.*`; set once, when the case is opened.
     */
    linkedCaseId: text('linked_case_id'),
  },
  (t) => [
    index('cases_subject').on(t.subjectOrg, t.state),
    index('cases_path').on(t.subjectPath),
    index('cases_linked').on(t.linkedCaseId),
    // 考核评议 (assessment/measure.ts): a period's case counts, matters and officers per subject read
    // from this index's range alone. A transition's UPDATE sets closed_at, so SQLite rewrites the entry then too.
    index('cases_opened').on(t.openedAt, t.subjectOrg, t.category, t.matterCode, t.closedAt, t.officers),
    // The open cases only (partial): the alert scheduler's sweep for open cases never judged reads
    // them by id without walking every case of every year (alerts/scheduler.ts).
    index('cases_open').on(t.id).where(sql`closed_at IS NULL`),
    // The closed cases by when (partial: an open case has no entry): 考核评议 of a period ending
    // mid-month reads its whole months from the rollups and takes off the cases closed after its
    // last day in that month (assessment/measure.ts).
    index('cases_closed').on(t.closedAt).where(sql`closed_at IS NOT NULL`),
  ],
);

/**
 * What a document is printed with besides its data and number, as JSON: citations instead of
 * the function that makes them. Frozen into an issued document, so a later change of the case
 * (the party's name, the subject's) never changes what it prints.
 */
export type StoredPrintContext = Omit<PrintContext, 'citeBasis' | 'number'>;

/** Documents of a case; an issued version is immutable, a correction is a new version. */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    formCode: text('form_code').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'issued'] }).notNull(),
    number: text('number'),
    data: json<Record<string, unknown>>('data').notNull(),
    /** SM3 of the form definition the data was filled against (the template version). */
    formHash: text('form_hash').notNull(),
    /** SM3 of the issued snapshot (data, number, form hash, print context). */
    hash: text('hash'),
    /** The personal values `data` holds masked, SM4-sealed (documents/sealed.ts). */
    sealedData: text('sealed_data'),
    /** What an issued document is printed with besides its data (subject, party name, date), frozen at issue. */
    printContext: json<StoredPrintContext>('print_context'),
    supersedes: text('supersedes'),
    /** Why this version corrects the one it supersedes (更正理由), masked as free text is; required for a correction. */
    correctionReason: text('correction_reason'),
    /** The correction reason as typed, SM4-sealed, when the mask changed it (storage/sealed-rows.ts). */
    sealedCorrectionReason: text('sealed_correction_reason'),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
    issuedAt: text('issued_at'),
    issuedBy: text('issued_by'),
  },
  (t) => [
    uniqueIndex('documents_case_form_version').on(t.caseId, t.formCode, t.version),
    uniqueIndex('documents_number').on(t.number),
  ],
);

/** Document number sequences, per pattern, organisation and year. */
export const documentCounters = sqliteTable(
  'document_counters',
  {
    pattern: text('pattern').notNull(),
    orgCode: text('org_code').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pattern, t.orgCode, t.year] })],
);

/** 法制审核: one review request and its opinion. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: text('requested_at').notNull().default(now),
    dueDate: text('due_date'),
    reviewer: text('reviewer'),
    opinion: text('opinion', { enum: ['agree', 'disagree', 'agree-after-change'] }),
    checklist: json<Record<string, boolean>>('checklist'),
    /** The opinion's comment with personal data masked; the original is in sealedComment. */
    comment: text('comment'),
    sealedComment: text('sealed_comment'),
    decidedAt: text('decided_at'),
  },
  // A case's latest review is read with the case on every transition (storage/snapshot.ts).
  (t) => [index('reviews_case').on(t.caseId, t.requestedAt)],
);

/** Evidence files, stored on disk by content hash. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    /** File name and note with personal data masked; the originals are in sealedText. */
    filename: text('filename').notNull(),
    note: text('note'),
    sealedText: text('sealed_text'),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: text('uploaded_at').notNull().default(now),
  },
  (t) => [index('attachments_case').on(t.caseId)],
);

/**
 * Payments of a decision's fine and confiscated money, recorded in the execution state (执行): what
 * the engine counts the 加处罚款 and what is still owed from. Amounts in fen (分), exact.
 */
export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    amount: integer('amount').notNull(),
    /** The day the party paid (YYYY-MM-DD), as the receipt says. */
    paidOn: text('paid_on').notNull(),
    /** The 电子缴款码, receipt or bank reference it was paid under. */
    reference: text('reference'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull().default(now),
  },
  (t) => [index('payments_case').on(t.caseId, t.paidOn)],
);

/**
 * 案源登记: a clue registered before any case is opened (市场监督管理行政处罚程序规定第十八条), with
 * the day to decide by (the pack's parameter in working days, by its calendars) and what was
 * decided: 立案 (the case opened from it), 不予立案 with the head's reason, 移送 to the competent
 * agency, or still pending. Free text is stored masked with the originals sealed (sealed-rows.ts).
 */
export const caseSources = sqliteTable(
  'case_sources',
  {
    id: text('id').primaryKey(),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    /** The pack version the deadline was computed under. */
    packHash: text('pack_hash').notNull(),
    /** A code of the pack's case-source-kinds codelist. */
    kind: text('kind').notNull(),
    /** The day the clue was discovered or its material received (YYYY-MM-DD): the period counts from it. */
    receivedOn: text('received_on').notNull(),
    /** Description and party name with personal data masked; the originals are in sealedText. */
    description: text('description').notNull(),
    partyName: text('party_name'),
    sealedText: text('sealed_text'),
    registeredBy: text('registered_by').notNull(),
    registeredAt: text('registered_at').notNull().default(now),
    /** The day the decision whether to file is due, extended once by the head (then extendedBy set). */
    dueOn: text('due_on').notNull(),
    extendedBy: text('extended_by'),
    extensionReason: text('extension_reason'),
    outcome: text('outcome', { enum: ['pending', 'filed', 'not-filed', 'transferred'] })
      .notNull()
      .default('pending'),
    /** Why not filed, or to whom it was transferred, masked like the description (originals in sealedText). */
    outcomeReason: text('outcome_reason'),
    transferredTo: text('transferred_to'),
    caseId: text('case_id'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('case_sources_subject').on(t.subjectOrg, t.outcome),
    index('case_sources_path').on(t.subjectPath),
    // 考核评议 (assessment/measure.ts): the sources decided after a day (overdue on it) and a
    // period's sources of one kind (投诉举报), read by range instead of every source.
    index('case_sources_decided').on(t.decidedAt),
    index('case_sources_kind').on(t.kind, t.receivedOn),
    uniqueIndex('case_sources_case').on(t.caseId),
  ],
);

/** 执法全过程记录: every write, append-only, each event chained to the one before by SM3. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    caseId: text('case_id'),
    target: text('target'),
    before: json<unknown>('before'),
    after: json<unknown>('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // The audit administrator's search (routes/admin-audit.ts) filters by person and by action, newest first.
  (t) => [
    index('audit_case').on(t.caseId, t.seq),
    index('audit_actor').on(t.actor, t.seq),
    index('audit_action').on(t.action, t.seq),
  ],
);

/** A text in Chinese and English, as shown to users. */
export interface StoredText {
  zh: string;
  en: string;
}

/**
 * 预警 as records: an alert rule that holds on a case (or, with caseId null, on an enforcement
 * subject) is raised once and kept until its condition clears or its case closes. `key` names the
 * rule and what it is about; at most one alert per key is not closed (a partial unique index), so
 * raising twice is a no-op. The message, why and level are as last evaluated. Status runs
 * raised → read → handled → closed; who read and who handled it (with a note) are kept.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    ruleCode: text('rule_code').notNull(),
    /** `<rule>:case:<case id>` or `<rule>:subject:<organisation code>`. */
    key: text('key').notNull(),
    caseId: text('case_id'),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    /** The pack version whose rule raised it (the case's pinned pack, or the active one for a subject). */
    packHash: text('pack_hash').notNull(),
    level: text('level', { enum: ['red', 'orange', 'yellow', 'blue'] }).notNull(),
    /** 0 for red … 3 for blue: the board sorts the most severe first by an index. */
    severity: integer('severity').notNull(),
    name: json<StoredText>('name').notNull(),
    message: json<StoredText>('message').notNull(),
    /** The deciding tests of the rule's condition and level, as explained when last evaluated. */
    why: json<StoredText>('why').notNull(),
    /** The rule's `notify` as it named them (role codes, case-officers, subject-head). */
    notify: json<string[]>('notify').notNull(),
    status: text('status', { enum: ['raised', 'read', 'handled', 'closed'] })
      .notNull()
      .default('raised'),
    raisedAt: text('raised_at').notNull(),
    /** When the level, message or why last changed. */
    updatedAt: text('updated_at').notNull(),
    readAt: text('read_at'),
    readBy: text('read_by'),
    handledAt: text('handled_at'),
    handledBy: text('handled_by'),
    handleNote: text('handle_note'),
    closedAt: text('closed_at'),
    closedWhy: text('closed_why', { enum: ['cleared', 'case-closed', 'rule-removed'] }),
  },
  (t) => [
    uniqueIndex('alerts_open_key').on(t.key).where(sql`${t.status} <> 'closed'`),
    index('alerts_case').on(t.caseId, t.status),
    index('alerts_subject').on(t.subjectOrg, t.status, t.severity, t.raisedAt),
    index('alerts_path').on(t.subjectPath, t.status),
    index('alerts_status').on(t.status, t.severity, t.raisedAt),
  ],
);

/**
 * Whom an alert is for, resolved when it is raised: `role:<code>` for a role the rule names (read
 * within the holder's data scope), `user:<id>` for the case's officers and the subject's heads.
 * Keyed by recipient first, so "my alerts" is an index lookup.
 */
export const alertRecipients = sqliteTable(
  'alert_recipients',
  {
    recipient: text('recipient').notNull(),
    alertId: text('alert_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recipient, t.alertId] }), index('alert_recipients_alert').on(t.alertId)],
);

/**
 * When each case's alert rules were last evaluated (the legal date): every rule reads days, not
 * hours (daysSince, deadlines, today), so a verdict can change only with an event — which
 * evaluates the case at once — or with the date. The scheduler's pass re-evaluates only the
 * watched cases (open, or closed under an includeClosed rule) not yet evaluated today, an index
 * range, instead of reading every open case.
 */
export const alertChecks = sqliteTable(
  'alert_checks',
  {
    caseId: text('case_id').primaryKey(),
    checkedOn: text('checked_on').notNull(),
    watched: integer('watched', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('alert_checks_due').on(t.watched, t.checkedOn, t.caseId)],
);

/**
 * Leases of the jobs that must run once however many processes share the database (the alert
 * scheduler): a process runs a pass only while it holds the lease, taken when expired.
 */
export const schedulerLeases = sqliteTable('scheduler_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: text('expires_at').notNull(),
  /** When the holder last finished a pass. */
  lastPassAt: text('last_pass_at'),
  /** The legal day (YYYY-MM-DD) whose sweep for open cases never judged finished (alerts/scheduler.ts). */
  sweptOn: text('swept_on'),
});

/**
 * 执法统计 and 考核评议 rollups, kept by triggers on `cases` (migration 0028, replacing the
 * case_stats tables of 0013 and 0019) in the same transaction as every insert, transition and
 * reassignment, so the statistics page and the assessment read a few thousand rows instead of
 * grouping millions of cases, and show every committed event. Each count is kept twice: by the
 * legal month the case was opened in (`period` YYYY-MM) and by its year (`period` YYYY), so a
 * period of whole years reads one row where it would read twelve. A row whose count reaches zero
 * is deleted. The tables are WITHOUT ROWID (written in the migration; drizzle has no word for
 * it): the primary key holds every column, so a read is one range of one b-tree.
 */
/** Cases per period opened, subject, matter and closed or not (every screen but the states). */
export const caseCounts = sqliteTable(
  'case_counts',
  {
    /** YYYY-MM or YYYY of opened_at in the legal time zone (statistics_settings.month_offset). */
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    matterCode: text('matter_code').notNull(),
    closed: integer('closed', { mode: 'boolean' }).notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.matterCode, t.closed] })],
);

/** The same with the current state: the grouping and filter by state. */
export const caseStateCounts = sqliteTable(
  'case_state_counts',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    matterCode: text('matter_code').notNull(),
    state: text('state').notNull(),
    closed: integer('closed', { mode: 'boolean' }).notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.matterCode, t.state, t.closed] })],
);

/**
 * Cases per period opened, subject, matter, category and legal month closed ('' while open): the
 * assessment's counts (closed by the end of its period) for a period of whole months.
 */
export const caseClosings = sqliteTable(
  'case_closings',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    matterCode: text('matter_code').notNull(),
    category: text('category').notNull(),
    closedMonth: text('closed_month').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.matterCode, t.category, t.closedMonth] })],
);

/**
 * Officers who acted: the cases each officer is named on, per period opened and subject (a case
 * of two officers counts once for each). Small at any number of cases (officers × periods), so
 * 参与率 over a year reads one row per officer.
 */
export const officerCounts = sqliteTable(
  'officer_counts',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    officerId: text('officer_id').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.officerId] })],
);

/**
 * The officer level of the statistics: cases per period opened, subject, officer named, matter and
 * closed or not (migration 0031), so a subject's officers with their power types are a few hundred
 * rows instead of the subject's cases with their officer lists. Kept like officer_counts.
 */
export const officerMatterCounts = sqliteTable(
  'officer_matter_counts',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    officerId: text('officer_id').notNull(),
    matterCode: text('matter_code').notNull(),
    closed: integer('closed', { mode: 'boolean' }).notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.officerId, t.matterCode, t.closed] })],
);

/**
 * 法制审核 marks for the assessment's 重大执法决定 counts: one row per case with at least one review,
 * with what the count reads — subject, when opened, workflow, the states entered, when its last
 * review and its last agreeing review were requested — kept by triggers on `reviews` and `cases`
 * (migration 0030), so a year's major cases are one range of this narrow table by opened_at
 * instead of a join of the year's cases with their reviews. WITHOUT ROWID (in the migration).
 */
export const reviewMarks = sqliteTable(
  'review_marks',
  {
    openedAt: text('opened_at').notNull(),
    caseId: text('case_id').notNull(),
    subjectOrg: text('subject_org').notNull(),
    workflowCode: text('workflow_code').notNull(),
    stateEntered: text('state_entered').notNull(),
    /** The latest requested_at of the case's reviews. */
    requestedAt: text('requested_at').notNull(),
    /** The latest requested_at of its agreeing reviews (agree, agree-after-change), or null. */
    agreedAt: text('agreed_at'),
  },
  (t) => [primaryKey({ columns: [t.openedAt, t.caseId] }), uniqueIndex('review_marks_case').on(t.caseId)],
);

/**
 * Cases per period opened, matter and closed or not, all subjects together (migration 0032): the
 * centre's grouping by month or year over every subject reads a few thousand rows instead of
 * case_counts' rows of every subject. Kept like case_counts.
 */
export const casePeriodCounts = sqliteTable(
  'case_period_counts',
  {
    period: text('period').notNull(),
    matterCode: text('matter_code').notNull(),
    closed: integer('closed', { mode: 'boolean' }).notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.matterCode, t.closed] })],
);

/**
 * Each officer's cases, the drill-down's last level (执法人员 → 案件): one row per officer named on
 * a case, keyed in the order the list shows them (newest first: opened_at, then number), with what
 * the list filters on besides the state (subject, its path, matter). Kept by triggers on `cases`
 * (migration 0032) in the same transaction as every insert, change of officers and delete, so an
 * officer's page and count are one range of this table, not the subject's cases read through their
 * officer lists. WITHOUT ROWID (in the migration).
 */
export const caseOfficers = sqliteTable(
  'case_officers',
  {
    officerId: text('officer_id').notNull(),
    openedAt: text('opened_at').notNull(),
    number: text('number').notNull(),
    caseId: text('case_id').notNull(),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    matterCode: text('matter_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.officerId, t.openedAt, t.number] })],
);

/** One row (id 1): the SQLite date modifier that turns opened_at (UTC) into the legal month, e.g. '+480 minutes'. */
export const statisticsSettings = sqliteTable('statistics_settings', {
  id: integer('id').primaryKey(),
  monthOffset: text('month_offset').notNull(),
});

/**
 * 考核评议: one computation of an assessment scheme over the subjects for a period — a draft,
 * or published and frozen (a published run never changes; computing again makes a new draft).
 * `summary` holds what is the same for every subject (the scheme, the indicators not measurable
 * with their weights and why, the measurable weight); each subject's result is a row of
 * `assessment_results`, so a subject's scope is a condition on its rows.
 */
export const assessmentRuns = sqliteTable(
  'assessment_runs',
  {
    id: text('id').primaryKey(),
    schemeCode: text('scheme_code').notNull(),
    /** The pack version whose scheme and authority list the run used. */
    packHash: text('pack_hash').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    /** The day certificates and case-source deadlines were judged on (the period's end, or the day of the run). */
    asOf: text('as_of').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    summary: json<unknown>('summary').notNull(),
    computedAt: text('computed_at').notNull(),
    computedBy: text('computed_by').notNull(),
    publishedAt: text('published_at'),
    publishedBy: text('published_by'),
  },
  (t) => [index('assessment_runs_scheme').on(t.schemeCode, t.computedAt)],
);

/** One subject's score in an assessment run, with its explanation (the full result as JSON). */
export const assessmentResults = sqliteTable(
  'assessment_results',
  {
    runId: text('run_id').notNull(),
    subjectCode: text('subject_code').notNull(),
    /** The subject's path (organisations.path) when the run was computed, for subject-tree scopes. */
    subjectPath: text('subject_path').notNull(),
    rank: integer('rank').notNull(),
    score: real('score').notNull(),
    grade: text('grade'),
    result: json<unknown>('result').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.subjectCode] }), index('assessment_results_rank').on(t.runId, t.rank)],
);

/**
 * The studio's working copies (#14): a pack folder kept as texts (path → text) by the platform,
 * built on an installed registry version (`base`, null for a root pack). `revision` rises by one
 * with every save, so a save made against an older revision is refused (optimistic concurrency).
 */
export const studioWorkspaces = sqliteTable(
  'studio_workspaces',
  {
    id: text('id').primaryKey(),
    packId: text('pack_id').notNull(),
    name: text('name').notNull(),
    base: json<{ hash: string; packId: string; version: string } | null>('base'),
    files: json<Record<string, string>>('files').notNull(),
    revision: integer('revision').notNull().default(1),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull().default(now),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull().default(now),
    /** The hash of the last version published from this copy. */
    publishedHash: text('published_hash'),
  },
  (t) => [index('studio_workspaces_pack').on(t.packId)],
);

/** What a published decision shows, item by item (labels in both languages), already masked (public/content.ts). */
export interface DisclosureItem {
  key: string;
  label: string;
  labelEn: string;
  value: string;
}

/**
 * 公示 (#16): one record per decision case, what the public pages show of it. `content` is
 * written masked at publication (a person's 身份证号 masked, no phone, no address) and is all the
 * public pages read; a withdrawn record keeps it for the audit but the pages no longer show it.
 */
export const disclosures = sqliteTable(
  'disclosures',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    /** The issued document version published (the latest at publication or correction). */
    documentId: text('document_id').notNull(),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    state: text('state', { enum: ['published', 'corrected', 'withdrawn'] }).notNull(),
    documentNumber: text('document_number').notNull(),
    /** The party's name as published (searchable). */
    partyName: text('party_name').notNull(),
    authority: text('authority').notNull(),
    decidedOn: text('decided_on').notNull(),
    /** The last day to publish by (the matter's `disclosure.within`), counted when published. */
    dueOn: text('due_on'),
    publishedOn: text('published_on').notNull(),
    publishedAt: text('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
    content: json<DisclosureItem[]>('content').notNull(),
    /** Why it was corrected or withdrawn (masked as free text is), when, by whom, and the case that changed the decision. */
    reason: text('reason'),
    changedAt: text('changed_at'),
    changedOn: text('changed_on'),
    changedBy: text('changed_by'),
    causeCaseId: text('cause_case_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('disclosures_case').on(t.caseId),
    // The public list: the shown records (not withdrawn) in publication order, so a page is a walk
    // of this index that stops at its last row (public/disclosures.ts; the bench shows the plan).
    index('disclosures_shown').on(t.publishedOn, t.id).where(sql`${t.state} <> 'withdrawn'`),
    // The public search: a name or a 文号 as typed from its start, each a range of its index.
    index('disclosures_number').on(t.documentNumber),
    index('disclosures_party').on(t.partyName),
    index('disclosures_subject').on(t.subjectPath, t.publishedOn),
  ],
);

export type PackVersionRow = typeof packVersions.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type CaseSourceRow = typeof caseSources.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type CaseCountsRow = typeof caseCounts.$inferSelect;
export type AssessmentRunRow = typeof assessmentRuns.$inferSelect;
export type StudioWorkspaceRow = typeof studioWorkspaces.$inferSelect;
export type DisclosureRow = typeof disclosures.$inferSelect;

/**
 * 检查对象名录库 (双随机、一公开): the market entities a subject may inspect, by 统一社会信用代码
 * (checked by its GB 32100 check character), in the charge of one organisation. A company's
 * registered address is public register data, not personal data.
 */
export const marketEntities = sqliteTable(
  'market_entities',
  {
    id: text('id').primaryKey(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** A code of the pack's codelist `sectors`. */
    sector: text('sector').notNull(),
    /** The organisation in charge, and its path for scope in the query. */
    orgCode: text('org_code').notNull(),
    orgPath: text('org_path').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('market_entities_credit_code').on(t.creditCode),
    index('market_entities_org').on(t.orgPath, t.sector),
  ],
);

/** A declared conflict of interest (回避): the officer is never drawn to inspect the entity. */
export const entityConflicts = sqliteTable(
  'entity_conflicts',
  {
    id: text('id').primaryKey(),
    entityId: text('entity_id')
      .notNull()
      .references(() => marketEntities.id),
    userId: text('user_id').notNull(),
    reason: text('reason').notNull(),
    declaredBy: text('declared_by').notNull(),
    declaredAt: text('declared_at').notNull(),
  },
  (t) => [uniqueIndex('entity_conflicts_pair').on(t.entityId, t.userId)],
);

/**
 * 抽查计划: a sector, a period and an organisation; drawn once from a recorded seed with a named
 * algorithm, so anyone can draw it again and get the same entities and officers.
 */
export const inspectionPlans = sqliteTable(
  'inspection_plans',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    sector: text('sector').notNull(),
    orgCode: text('org_code').notNull(),
    orgPath: text('org_path').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    /** The matter the inspections are opened under, and the risk scheme the classes come from. */
    matterCode: text('matter_code').notNull(),
    schemeCode: text('scheme_code').notNull(),
    packHash: text('pack_hash').notNull(),
    state: text('state', { enum: ['draft', 'drawn', 'opened'] })
      .notNull()
      .default('draft'),
    /** The draw: its seed, the PRNG algorithm's name, and per class the entities, rate and count. */
    seed: text('seed'),
    algorithm: text('algorithm'),
    classes: json<{ code: string; entities: number; ratePerYear: number; drawn: number }[]>('classes'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    drawnBy: text('drawn_by'),
    drawnAt: text('drawn_at'),
    openedAt: text('opened_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('inspection_plans_org').on(t.orgPath, t.createdAt)],
);

/** One drawn inspection of a plan: the entity, its risk class, two officers, and its case once opened. */
export const planInspections = sqliteTable(
  'plan_inspections',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id')
      .notNull()
      .references(() => inspectionPlans.id),
    ordinal: integer('ordinal').notNull(),
    entityId: text('entity_id')
      .notNull()
      .references(() => marketEntities.id),
    riskClass: text('risk_class').notNull(),
    officers: json<string[]>('officers').notNull(),
    caseId: text('case_id'),
    caseNumber: text('case_number'),
  },
  (t) => [
    uniqueIndex('plan_inspections_ordinal').on(t.planId, t.ordinal),
    index('plan_inspections_entity').on(t.entityId),
  ],
);

export type MarketEntityRow = typeof marketEntities.$inferSelect;
export type InspectionPlanRow = typeof inspectionPlans.$inferSelect;
export type PlanInspectionRow = typeof planInspections.$inferSelect;

/** A sampling rule of 案卷评查: a share (percent, rounded up) or a count of each stratum's closed cases. */
export interface FileReviewRule {
  kind: 'share' | 'count';
  value: number;
  /** The strata: each subject, or each subject and workflow (power type). */
  per: 'subject' | 'subject-workflow';
}

/** One stratum of a drawn round: its subject (and workflow), how many cases it had and how many were drawn. */
export interface FileReviewStratum {
  subject: string;
  workflow: string | null;
  population: number;
  drawn: number;
}

/**
 * 案卷评查 rounds: a period, the subjects in scope, the checklist and the sampling rule, and the
 * draw — its seed and the PRNG algorithm's name, and per stratum the cases and the number drawn.
 * Owned by the organisation of the supervisor who created it (org_path, the scope of the round).
 */
export const fileReviewRounds = sqliteTable(
  'file_review_rounds',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    checklistCode: text('checklist_code').notNull(),
    packHash: text('pack_hash').notNull(),
    orgCode: text('org_code').notNull(),
    orgPath: text('org_path').notNull(),
    subjects: json<string[]>('subjects').notNull(),
    rule: json<FileReviewRule>('rule').notNull(),
    seed: text('seed').notNull(),
    algorithm: text('algorithm').notNull(),
    strata: json<FileReviewStratum[]>('strata').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('file_review_rounds_org').on(t.orgPath, t.createdAt)],
);

/** A deduction or a failed basic standard recorded by a reviewer, with the note it needs. */
export interface FileReviewMark {
  /** A point's or a basic standard's code in the checklist. */
  point: string;
  /** The listed deduction chosen, if any. */
  deduction?: string;
  /** Points deducted (0 for a failed basic standard). */
  points: number;
  note: string;
}

/**
 * A sampled case file of a round and its review: the reviewer's marks, the total and whether it
 * passes; a finished review is locked (a correction is an audited change with a reason).
 */
export const fileReviews = sqliteTable(
  'file_reviews',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => fileReviewRounds.id),
    ordinal: integer('ordinal').notNull(),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    workflowCode: text('workflow_code').notNull(),
    checklistCode: text('checklist_code').notNull(),
    state: text('state', { enum: ['pending', 'draft', 'finished'] })
      .notNull()
      .default('pending'),
    marks: json<FileReviewMark[]>('marks').notNull(),
    total: real('total'),
    qualified: integer('qualified', { mode: 'boolean' }),
    reviewerId: text('reviewer_id'),
    /** The reviewer the round's organiser assigned the file to: only they see and score it. */
    assigneeId: text('assignee_id'),
    assignedBy: text('assigned_by'),
    assignedAt: text('assigned_at'),
    finishedAt: text('finished_at'),
    corrections: integer('corrections').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('file_reviews_ordinal').on(t.roundId, t.ordinal),
    uniqueIndex('file_reviews_case').on(t.roundId, t.caseId),
    // 考核评议's reviewedFiles / qualifiedFiles: a subject's reviews finished in a period.
    index('file_reviews_finished').on(t.subjectOrg, t.finishedAt),
    // A reviewer's own files: the rounds and files they may see.
    index('file_reviews_assignee').on(t.assigneeId, t.roundId),
  ],
);

export type FileReviewRoundRow = typeof fileReviewRounds.$inferSelect;
export type FileReviewRow = typeof fileReviews.$inferSelect;

/**
 * 我的待办 kept as a read (tasks/refresh.ts): for each open case, what its next steps need that
 * does not depend on who asks — its nearest running deadline (the date it falls due, and the day
 * it starts to be near; days left are counted at read, since today moves), the transitions its
 * guards allow (with the roles each needs), and how it is shown. Written for the legal date in
 * `computedFor`; triggers (migration 0029) delete the row whenever the case, its documents,
 * reviews, disclosure, linked case, subject or officers' certificates change, and a read
 * recomputes a case whose row is missing or of another day before answering.
 */
export const caseTasks = sqliteTable('case_tasks', {
  caseId: text('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  computedFor: text('computed_for').notNull(),
  /** Whether the case's state is a legal-review node (review.perform then also lets one act). */
  legalReview: integer('legal_review', { mode: 'boolean' }).notNull(),
  /** The nearest running deadline's due date (YYYY-MM-DD), or null. */
  due: text('due'),
  /** The first day that deadline is near (due − warnBefore). */
  warnFrom: text('warn_from'),
  /** That deadline as JSON: { code, name, nameEn, due, warnBefore }. */
  deadline: text('deadline'),
  /** How the case is shown, as JSON: { matter: { name, nameEn }, state, subject: { code, name } }. */
  view: text('view').notNull(),
  /** The transitions its guards allow now, as JSON: [{ action, name, to, reasonRequired, roles }]. */
  actions: text('actions').notNull(),
});

/**
 * The candidate next steps of an open case, in the workflow's order, each with who may take it:
 * one of `rolesAny` (null: anyone), and one of `rolesAlso`, none of `rolesNot`, a case officer
 * when `officersOnly`, holding document.issue when `needsIssue`; a `review` step needs
 * review.perform over the case. Of the steps sharing a `key`, a user takes the first they may.
 */
export const taskSteps = sqliteTable(
  'task_steps',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => caseTasks.caseId, { onDelete: 'cascade' }),
    ord: integer('ord').notNull(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    action: text('action'),
    /** { code, name: { zh, en }, id } as JSON, or null. */
    document: text('document'),
    /** { zh, en } as JSON. */
    name: text('name').notNull(),
    href: text('href').notNull(),
    rolesAny: text('roles_any'),
    rolesAlso: text('roles_also'),
    rolesNot: text('roles_not'),
    officersOnly: integer('officers_only', { mode: 'boolean' }).notNull(),
    needsIssue: integer('needs_issue', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.ord] })],
);
