/**
 * 预警 as the platform answers them (routes/alerts.ts): the stored alerts of the pack's rules on
 * cases and subjects, and the supervision summary; with the colour of each level.
 */
import type { Bilingual } from './api.ts';
import type { StateView } from './types.ts';

/** An alert level, most severe first. */
export type AlertLevel = 'red' | 'orange' | 'yellow' | 'blue';

/** The levels, most severe first. */
export const ALERT_LEVELS: readonly AlertLevel[] = ['red', 'orange', 'yellow', 'blue'];

/** The colour of each level (antd preset colours and their text colour). */
export const LEVEL_COLOR: Record<AlertLevel, { tag: string; text: string }> = {
  red: { tag: 'red', text: '#cf1322' },
  orange: { tag: 'orange', text: '#d46b08' },
  yellow: { tag: 'gold', text: '#d48806' },
  blue: { tag: 'blue', text: '#0958d9' },
};

/** A subject (执法主体). */
export interface SubjectRef {
  code: string;
  name: string;
}

/** A fired alert rule: what it says, why it fired and whom it names. */
export interface FiredAlertView {
  code: string;
  name: Bilingual;
  level: AlertLevel;
  message: Bilingual;
  /** The conditions that made it fire. */
  why: Bilingual;
  recipients: { code: string; name: Bilingual }[];
}

/** Where a stored alert stands: raised, read, handled (with a note), closed (its condition cleared or its case closed). */
export type AlertStatus = 'raised' | 'read' | 'handled' | 'closed';

/** A user the board names. */
export interface AlertPerson {
  id: string;
  name: string;
}

/** One stored alert, on a case or (case null) on an enforcement subject. */
export interface AlertView extends FiredAlertView {
  id: string;
  addressedToMe: boolean;
  status: AlertStatus;
  subject: SubjectRef;
  case: {
    id: string;
    number: string;
    cause: string;
    matter: { code: string; name: string; nameEn?: string | null };
    state: StateView;
    subject: SubjectRef;
    openedAt: string;
    closed: boolean;
  } | null;
  raisedAt: string;
  raisedOn: string;
  updatedAt: string;
  read: { at: string; by: AlertPerson | null } | null;
  handled: { at: string; by: AlertPerson | null; note: string } | null;
  closed: { at: string; why: 'cleared' | 'case-closed' | 'rule-removed' | null } | null;
}

/** Counts by level. */
export type LevelCounts = Record<AlertLevel, number> & { total: number };

/** GET /alerts: a page of the stored alerts that match, with the counts by level (before the level filter). */
export interface AlertsAnswer {
  today: string;
  all: boolean;
  scope: string;
  total: number;
  limit: number;
  offset: number;
  counts: LevelCounts;
  items: AlertView[];
}

/** GET /alerts/unread-count. */
export interface UnreadAnswer {
  unread: number;
}

/** The event the board sends when it changed an alert (the bell counts again). */
export const ALERTS_CHANGED = 'yifa:alerts-changed';

/** GET /supervision/summary. */
export interface SupervisionSummary {
  today: string;
  scope: string;
  scanned: number;
  truncated: boolean;
  cases: {
    total: number;
    open: number;
    overdue: number;
    byState: {
      workflow: { code: string; name: string };
      state: StateView;
      total: number;
      open: number;
      overdue: number;
    }[];
  };
  alerts: LevelCounts & { undetermined: number };
  subjects: { subject: SubjectRef; open: number; overdue: number; alerts: LevelCounts }[];
  /** The period the subject metrics count (this year to date). */
  period: { from: string; to: string };
  subjectMetrics: SubjectMetricsView[];
}

/** An enforcement subject's metrics in the period, and the subject alerts (零参与, 零履职) on them. */
export interface SubjectMetricsView {
  subject: SubjectRef;
  metrics: {
    certifiedOfficers: number;
    officersWithCases: number;
    authorityItems: number;
    authorityItemsExercised: number;
  };
  undetermined: number;
  alerts: FiredAlertView[];
}
