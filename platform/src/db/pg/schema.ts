/**
 * The same tables as ../schema.ts, in drizzle's PostgreSQL dialect (#18): the second store. drizzle
 * has no dialect-neutral column builders, so this is a second description; parity.test.ts reads
 * both and fails when a table, column (name, nullability, kind, default), key or index is in one
 * and not the other. What each table and column means is written once, in ../schema.ts.
 *
 * Kinds map one to one: text → text, JSON text → jsonb (parsed by the driver, as drizzle's JSON
 * mode parses SQLite's text), integer booleans → boolean, real → double precision, integer →
 * integer, or bigint read as a JS number where a value may pass 2^31 (the audit sequence, amounts
 * in fen, file sizes). Times stay ISO-8601 texts in UTC with milliseconds, the format SQLite's
 * default writes, so both stores compare and sort them the same way.
 *
 * Migrations: drizzle-kit with ../../../drizzle-pg.config.ts writes platform/drizzle-pg/; the
 * triggers of the SQLite migrations (0005, 0014, 0028–0031) are PL/pgSQL in the hand-written
 * migration after the generated one.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type {
  DisclosureItem,
  FileReviewMark,
  FileReviewRule,
  FileReviewStratum,
  StoredParty,
  StoredPrintContext,
  StoredText,
} from '../schema.ts';

/**
 * The UTC time now as SQLite's default writes it (strftime('%Y-%m-%dT%H:%M:%fZ','now')): the
 * statement's time, as SQLite's 'now' is, not the transaction's (now()).
 */
const now = sql`(to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
const json = <T>(name: string) => jsonb(name).$type<T>();
/** An integer that may pass 2^31, read as a JS number (exact to 2^53). */
const bigNumber = (name: string) => bigint(name, { mode: 'number' });

export const packVersions = pgTable(
  'pack_versions',
  {
    hash: text('hash').primaryKey(),
    packId: text('pack_id').notNull(),
    version: text('version').notNull(),
    name: text('name').notNull(),
    bundle: text('bundle').notNull(),
    importedAt: text('imported_at').notNull().default(now),
    importedBy: text('imported_by'),
    active: boolean('active').notNull().default(false),
  },
  (t) => [uniqueIndex('pack_versions_id_version').on(t.packId, t.version)],
);

export const packActivations = pgTable('pack_activations', {
  orgCode: text('org_code').primaryKey(),
  hash: text('hash')
    .notNull()
    .references(() => packVersions.hash),
  activatedAt: text('activated_at').notNull(),
  activatedBy: text('activated_by').notNull(),
});

export const organisations = pgTable('organisations', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  type: text('type').notNull(),
  parent: text('parent'),
  numberingPrefix: text('numbering_prefix'),
  enforcementSubject: boolean('enforcement_subject').notNull(),
  path: text('path').notNull(),
});

export const sectorSupervision = pgTable(
  'sector_supervision',
  {
    supervisor: text('supervisor_code').notNull(),
    subject: text('supervised_code').notNull(),
    subjectPath: text('supervised_path').notNull(),
  },
  (t) => [primaryKey({ columns: [t.supervisor, t.subject] })],
);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  orgCode: text('org_code').notNull(),
  roles: json<string[]>('roles').notNull(),
  certificateNo: text('certificate_no'),
  certificateValidUntil: text('certificate_valid_until'),
  legalQualification: boolean('legal_qualification').notNull().default(false),
  passwordChangedAt: text('password_changed_at').notNull().default(now),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
  lockedAt: text('locked_at'),
});

export const securitySettings = pgTable('security_settings', {
  id: integer('id').primaryKey(),
  minLength: integer('min_length').notNull(),
  minClasses: integer('min_classes').notNull(),
  maxFailures: integer('max_failures').notNull(),
  lockMinutes: integer('lock_minutes').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

export const signInFailures = pgTable('sign_in_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: text('locked_until'),
});

export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: text('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: text('created_at').notNull(),
  lastSeenAt: text('last_seen_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});

export const cases = pgTable(
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
    facts: json<Record<string, unknown>>('facts').notNull(),
    sealedFacts: text('sealed_facts'),
    officers: json<string[]>('officers').notNull(),
    stateEntered: json<Record<string, string>>('state_entered').notNull(),
    extensions: json<Record<string, number>>('extensions').notNull(),
    violationDate: text('violation_date'),
    openedAt: text('opened_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
    closedAt: text('closed_at'),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    linkedCaseId: text('linked_case_id'),
  },
  (t) => [
    index('cases_subject').on(t.subjectOrg, t.state),
    index('cases_path').on(t.subjectPath),
    index('cases_linked').on(t.linkedCaseId),
    index('cases_opened').on(t.openedAt, t.subjectOrg, t.category, t.matterCode, t.closedAt, t.officers),
    index('cases_open').on(t.id).where(sql`closed_at IS NULL`),
    index('cases_closed').on(t.closedAt).where(sql`closed_at IS NOT NULL`),
  ],
);

export const documents = pgTable(
  'documents',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    formCode: text('form_code').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'issued'] }).notNull(),
    number: text('number'),
    data: json<Record<string, unknown>>('data').notNull(),
    formHash: text('form_hash').notNull(),
    hash: text('hash'),
    sealedData: text('sealed_data'),
    printContext: json<StoredPrintContext>('print_context'),
    supersedes: text('supersedes'),
    correctionReason: text('correction_reason'),
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

export const documentCounters = pgTable(
  'document_counters',
  {
    pattern: text('pattern').notNull(),
    orgCode: text('org_code').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pattern, t.orgCode, t.year] })],
);

export const reviews = pgTable(
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
    comment: text('comment'),
    sealedComment: text('sealed_comment'),
    decidedAt: text('decided_at'),
  },
  (t) => [index('reviews_case').on(t.caseId, t.requestedAt)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    sha256: text('sha256').notNull(),
    size: bigNumber('size').notNull(),
    mime: text('mime').notNull(),
    filename: text('filename').notNull(),
    note: text('note'),
    sealedText: text('sealed_text'),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: text('uploaded_at').notNull().default(now),
  },
  (t) => [index('attachments_case').on(t.caseId)],
);

export const payments = pgTable(
  'payments',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    amount: bigNumber('amount').notNull(),
    paidOn: text('paid_on').notNull(),
    reference: text('reference'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull().default(now),
  },
  (t) => [index('payments_case').on(t.caseId, t.paidOn)],
);

export const caseSources = pgTable(
  'case_sources',
  {
    id: text('id').primaryKey(),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    packHash: text('pack_hash').notNull(),
    kind: text('kind').notNull(),
    receivedOn: text('received_on').notNull(),
    description: text('description').notNull(),
    partyName: text('party_name'),
    sealedText: text('sealed_text'),
    registeredBy: text('registered_by').notNull(),
    registeredAt: text('registered_at').notNull().default(now),
    dueOn: text('due_on').notNull(),
    extendedBy: text('extended_by'),
    extensionReason: text('extension_reason'),
    outcome: text('outcome', { enum: ['pending', 'filed', 'not-filed', 'transferred'] })
      .notNull()
      .default('pending'),
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
    uniqueIndex('case_sources_case').on(t.caseId),
    index('case_sources_decided').on(t.decidedAt),
    index('case_sources_kind').on(t.kind, t.receivedOn),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigNumber('seq').primaryKey(),
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
  (t) => [
    index('audit_case').on(t.caseId, t.seq),
    index('audit_actor').on(t.actor, t.seq),
    index('audit_action').on(t.action, t.seq),
  ],
);

export const alerts = pgTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    ruleCode: text('rule_code').notNull(),
    key: text('key').notNull(),
    caseId: text('case_id'),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    packHash: text('pack_hash').notNull(),
    level: text('level', { enum: ['red', 'orange', 'yellow', 'blue'] }).notNull(),
    severity: integer('severity').notNull(),
    name: json<StoredText>('name').notNull(),
    message: json<StoredText>('message').notNull(),
    why: json<StoredText>('why').notNull(),
    notify: json<string[]>('notify').notNull(),
    status: text('status', { enum: ['raised', 'read', 'handled', 'closed'] })
      .notNull()
      .default('raised'),
    raisedAt: text('raised_at').notNull(),
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

export const alertRecipients = pgTable(
  'alert_recipients',
  {
    recipient: text('recipient').notNull(),
    alertId: text('alert_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recipient, t.alertId] }), index('alert_recipients_alert').on(t.alertId)],
);

export const alertChecks = pgTable(
  'alert_checks',
  {
    caseId: text('case_id').primaryKey(),
    checkedOn: text('checked_on').notNull(),
    watched: boolean('watched').notNull(),
  },
  (t) => [index('alert_checks_due').on(t.watched, t.checkedOn, t.caseId)],
);

export const schedulerLeases = pgTable('scheduler_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: text('expires_at').notNull(),
  lastPassAt: text('last_pass_at'),
  sweptOn: text('swept_on'),
});

export const caseCounts = pgTable(
  'case_counts',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    matterCode: text('matter_code').notNull(),
    closed: boolean('closed').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.matterCode, t.closed] })],
);

export const caseStateCounts = pgTable(
  'case_state_counts',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    matterCode: text('matter_code').notNull(),
    state: text('state').notNull(),
    closed: boolean('closed').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.matterCode, t.state, t.closed] })],
);

export const caseClosings = pgTable(
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

export const casePeriodCounts = pgTable(
  'case_period_counts',
  {
    period: text('period').notNull(),
    matterCode: text('matter_code').notNull(),
    closed: boolean('closed').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.matterCode, t.closed] })],
);

export const caseOfficers = pgTable(
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

export const officerCounts = pgTable(
  'officer_counts',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    officerId: text('officer_id').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.officerId] })],
);

export const officerMatterCounts = pgTable(
  'officer_matter_counts',
  {
    period: text('period').notNull(),
    subjectOrg: text('subject_org').notNull(),
    officerId: text('officer_id').notNull(),
    matterCode: text('matter_code').notNull(),
    closed: boolean('closed').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.subjectOrg, t.officerId, t.matterCode, t.closed] })],
);

export const reviewMarks = pgTable(
  'review_marks',
  {
    openedAt: text('opened_at').notNull(),
    caseId: text('case_id').notNull(),
    subjectOrg: text('subject_org').notNull(),
    workflowCode: text('workflow_code').notNull(),
    /** jsonb here, a copy of cases.state_entered (text in SQLite): one JSON expression reads both columns. */
    stateEntered: json<Record<string, string>>('state_entered').notNull(),
    requestedAt: text('requested_at').notNull(),
    agreedAt: text('agreed_at'),
  },
  (t) => [primaryKey({ columns: [t.openedAt, t.caseId] }), uniqueIndex('review_marks_case').on(t.caseId)],
);

export const statisticsSettings = pgTable('statistics_settings', {
  id: integer('id').primaryKey(),
  monthOffset: text('month_offset').notNull(),
});

export const assessmentRuns = pgTable(
  'assessment_runs',
  {
    id: text('id').primaryKey(),
    schemeCode: text('scheme_code').notNull(),
    packHash: text('pack_hash').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
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

export const assessmentResults = pgTable(
  'assessment_results',
  {
    runId: text('run_id').notNull(),
    subjectCode: text('subject_code').notNull(),
    subjectPath: text('subject_path').notNull(),
    rank: integer('rank').notNull(),
    score: doublePrecision('score').notNull(),
    grade: text('grade'),
    result: json<unknown>('result').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.subjectCode] }), index('assessment_results_rank').on(t.runId, t.rank)],
);

export const studioWorkspaces = pgTable(
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
    publishedHash: text('published_hash'),
  },
  (t) => [index('studio_workspaces_pack').on(t.packId)],
);

export const disclosures = pgTable(
  'disclosures',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    documentId: text('document_id').notNull(),
    subjectOrg: text('subject_org').notNull(),
    subjectPath: text('subject_path').notNull(),
    state: text('state', { enum: ['published', 'corrected', 'withdrawn'] }).notNull(),
    documentNumber: text('document_number').notNull(),
    partyName: text('party_name').notNull(),
    authority: text('authority').notNull(),
    decidedOn: text('decided_on').notNull(),
    dueOn: text('due_on'),
    publishedOn: text('published_on').notNull(),
    publishedAt: text('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
    content: json<DisclosureItem[]>('content').notNull(),
    reason: text('reason'),
    changedAt: text('changed_at'),
    changedOn: text('changed_on'),
    changedBy: text('changed_by'),
    causeCaseId: text('cause_case_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('disclosures_case').on(t.caseId),
    index('disclosures_shown').on(t.publishedOn, t.id).where(sql`${t.state} <> 'withdrawn'`),
    index('disclosures_number').on(t.documentNumber),
    index('disclosures_party').on(t.partyName),
    index('disclosures_subject').on(t.subjectPath, t.publishedOn),
  ],
);

export const marketEntities = pgTable(
  'market_entities',
  {
    id: text('id').primaryKey(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    sector: text('sector').notNull(),
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

export const entityConflicts = pgTable(
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

export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    sector: text('sector').notNull(),
    orgCode: text('org_code').notNull(),
    orgPath: text('org_path').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    matterCode: text('matter_code').notNull(),
    schemeCode: text('scheme_code').notNull(),
    packHash: text('pack_hash').notNull(),
    state: text('state', { enum: ['draft', 'drawn', 'opened'] })
      .notNull()
      .default('draft'),
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

export const planInspections = pgTable(
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

export const fileReviewRounds = pgTable(
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

export const fileReviews = pgTable(
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
    total: doublePrecision('total'),
    qualified: boolean('qualified'),
    reviewerId: text('reviewer_id'),
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
    index('file_reviews_finished').on(t.subjectOrg, t.finishedAt),
    index('file_reviews_assignee').on(t.assigneeId, t.roundId),
  ],
);

export const caseTasks = pgTable('case_tasks', {
  caseId: text('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' }),
  computedFor: text('computed_for').notNull(),
  legalReview: boolean('legal_review').notNull(),
  due: text('due'),
  warnFrom: text('warn_from'),
  deadline: text('deadline'),
  view: text('view').notNull(),
  actions: text('actions').notNull(),
});

export const taskSteps = pgTable(
  'task_steps',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => caseTasks.caseId, { onDelete: 'cascade' }),
    ord: integer('ord').notNull(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    action: text('action'),
    document: text('document'),
    name: text('name').notNull(),
    href: text('href').notNull(),
    rolesAny: text('roles_any'),
    rolesAlso: text('roles_also'),
    rolesNot: text('roles_not'),
    officersOnly: boolean('officers_only').notNull(),
    needsIssue: boolean('needs_issue').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.ord] })],
);
