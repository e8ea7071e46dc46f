/**
 * What a discretion decision is made on and what it says: the input (facts, date of the
 * violation, proposed fine), the decision with its steps, and the fast choice. Kept apart from
 * the engine (`discretion.ts`) so that the decision's shape reads in one place.
 */
import type { ContinuingFine } from './discretion-continuing.ts';
import type { PersonFine } from './discretion-persons.ts';
import type { FactContext } from './facts.ts';
import type { Issue, Message } from './issues.ts';
import type { Evaluation } from './trace.ts';

/** What a discretion decision is made on. */
export interface DiscretionInput extends FactContext {
  /** The date of the violation (YYYY-MM-DD): it chooses the version, and is the fact `violationDate` unless the facts give one. */
  violationDate: string;
  proposedFine?: number;
}

/** A numeric fine range; null ends when an amount could not be computed. */
export interface AmountRange {
  min: number | null;
  max: number | null;
}

/** One rule tried: a no-penalty rule, a tier or a circumstance. */
export interface DiscretionStep {
  part: 'noPenalty' | 'tier' | 'circumstance' | 'continuing';
  code: string;
  name: string;
  /** Its English name, when the pack gives one. */
  nameEn?: string;
  /** For a circumstance: 从轻, 减轻 or 从重. */
  kind?: 'lighter' | 'mitigated' | 'heavier';
  /** null for a default tier, which has no condition. */
  evaluation: Evaluation | null;
  held: boolean | null;
}

/** The decision, with its explanation as records. */
export interface DiscretionDecision {
  benchmark: string;
  /** The benchmark's name (and English name), for the 裁量基准适用情况 a document states. */
  benchmarkName?: string;
  benchmarkNameEn?: string;
  version: { label: string; effectiveFrom: string; effectiveTo?: string };
  /** Versions that took effect after the violation: a lighter one applies instead (第三十七条). */
  laterVersions: string[];
  violationDate: string;
  outcome: 'no-penalty' | 'tier' | 'undetermined';
  noPenalty?: { code: string; name: string; nameEn?: string; reason: string; mandatory: boolean };
  tier?: {
    code: string;
    name: string;
    nameEn?: string;
    /** Kinds of penalty (codelist penalty-kinds); [fine] for a tier that does not list them. */
    penalties: string[];
    /** Their names, in the same order: the pack's penalty-kinds entries (警告 / Warning), the code where it has none. */
    penaltyNames: Message[];
    /** null for a tier without a fine (警告 alone). */
    fine: AmountRange | null;
    /** 双罚: the responsible persons this tier fines. */
    persons: PersonFine[];
    measures: string[];
    isDefault: boolean;
  };
  legalRange: AmountRange;
  circumstances: { code: string; name: string; nameEn?: string; kind: 'lighter' | 'mitigated' | 'heavier' }[];
  /** 按日连续处罚, when the version has it and the outcome is a tier with a fine. */
  continuing?: ContinuingFine;
  proposedFine?: number;
  proposedFineOutsideTier?: boolean;
  proposedFineOutsideLegalRange?: boolean;
  steps: DiscretionStep[];
  issues: Issue[];
}

/** The fast answer, without traces: for bulk checks and benchmarks. */
export interface DiscretionChoice {
  version: string | null;
  outcome: 'no-penalty' | 'tier' | 'undetermined' | 'no-version';
  code: string | null;
}
