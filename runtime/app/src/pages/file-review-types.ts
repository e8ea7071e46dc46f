/** What the 案卷评查 API answers (platform/src/routes/file-review.ts). */
import type { Bilingual } from '../api.ts';

/** A round as listed and shown. */
export interface Round {
  id: string;
  name: string;
  periodFrom: string;
  periodTo: string;
  checklist: { code: string; name: string; nameEn: string | null };
  subjects: { code: string; name: string }[];
  rule: { kind: 'share' | 'count'; value: number; per: 'subject' | 'subject-workflow' };
  seed: string;
  algorithm: string;
  strata: {
    subject: string;
    subjectName: string;
    workflow: string | null;
    workflowName: string | null;
    workflowNameEn: string | null;
    population: number;
    drawn: number;
  }[];
  createdAt: string;
}

/** The rounds page's answer. */
export interface RoundList {
  items: Round[];
  checklists: { code: string; name: string; nameEn: string | null }[];
  /** Enforcement subjects a new round may sample. */
  subjects: { code: string; name: string }[];
  may: { run: boolean; read: boolean; score: boolean };
}

/** A sampled file. */
export interface SampledFile {
  id: string;
  ordinal: number;
  case: { id: string; number: string };
  subject: { code: string; name: string };
  workflow: string;
  state: 'pending' | 'draft' | 'finished';
  total: number | null;
  qualified: boolean | null;
  reviewer: { id: string; name: string } | null;
  /** The reviewer the organiser assigned the file to. */
  assignee: { id: string; name: string } | null;
  finishedAt: string | null;
  corrections: number;
  version: number;
}

/** A reviewer the organiser may assign files to. */
export interface Reviewer {
  id: string;
  name: string;
  org: string;
  orgName: string;
}

/** A mark as stored. */
export interface Mark {
  point: string;
  deduction?: string;
  points: number;
  note: string;
}

/** A checklist as the scoring form reads it. */
export interface Checklist {
  code: string;
  name: string;
  nameEn?: string;
  passMark: number;
  max: number;
  basicStandards?: { code: string; name: string; nameEn?: string }[];
  groups: {
    code: string;
    name: string;
    nameEn?: string;
    points: {
      code: string;
      name: string;
      nameEn?: string;
      description: string;
      descriptionEn?: string;
      maxScore: number;
      deductions?: { code: string; name: string; nameEn?: string; points: number }[];
    }[];
  }[];
}

/** One file with its checklist and marks. */
export interface FileDetail extends SampledFile {
  marks: Mark[];
  round: { id: string; name: string };
  checklist: Checklist | null;
  may: { run: boolean; score: boolean };
}

/** Results per subject. */
export interface Results {
  items: {
    subject: string;
    subjectName: string;
    sampled: number;
    finished: number;
    qualified: number;
    average: number | null;
  }[];
}

export type { Bilingual };
