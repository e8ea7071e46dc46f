/** What the entity and inspection-plan routes answer (platform/src/routes/entities.ts, inspection-plans.ts). */

/** A pack name in both languages. */
export interface Named {
  code: string;
  name: string;
  nameEn: string | null;
}

/** An entity's risk class, with the facts and the reason. */
export interface RiskClass {
  code: string;
  name: string;
  nameEn: string | null;
  why: { zh: string; en: string };
  facts: { inspections3y: number; inspections12m: number; penaltyCases3y: number; penaltyCases12m: number };
}

/** A market entity as listed. */
export interface Entity {
  id: string;
  creditCode: string;
  name: string;
  address: string;
  sector: Named;
  org: string;
  riskClass: RiskClass | null;
}

/** GET /entities. */
export interface EntityList {
  total: number;
  items: Entity[];
  sectors: Named[];
  may: { manage: boolean };
}

/** GET /entities/:id. */
export interface EntityDetail extends Entity {
  conflicts: { id: string; userId: string; name: string; reason: string; declaredAt: string }[];
  inspections: {
    plan: string;
    planName: string;
    drawnAt: string | null;
    riskClass: string;
    officers: { id: string; name: string }[];
    caseId: string | null;
    caseNumber: string | null;
  }[];
  officers: { id: string; name: string }[];
  may: { manage: boolean };
}

/** One row of an import's report. */
export interface ImportRow {
  row: number;
  creditCode: string;
  name: string;
  action: 'add' | 'change' | 'unchanged' | 'reject';
  problems: { field: 'creditCode' | 'name' | 'address' | 'sector' | 'org'; reason: { zh: string; en: string } }[];
}

/** POST /entities/import. */
export interface ImportReport {
  rows: ImportRow[];
  counts: Record<ImportRow['action'], number>;
  applied?: boolean;
}

/** A plan as listed. */
export interface Plan {
  id: string;
  name: string;
  sector: Named;
  org: string;
  periodFrom: string;
  periodTo: string;
  matter: Named;
  scheme: Named;
  state: 'draft' | 'drawn' | 'opened';
  seed: string | null;
  algorithm: string | null;
  classes: {
    code: string;
    name: string;
    nameEn: string | null;
    entities: number;
    ratePerYear: number;
    drawn: number;
  }[];
  createdAt: string;
  drawnAt: string | null;
  openedAt: string | null;
  version: number;
}

/** GET /inspection-plans. */
export interface PlanList {
  items: Plan[];
  sectors: (Named & { matters: Named[] })[];
  may: { draw: boolean };
  org: string;
}

/** One drawn inspection. */
export interface PlanInspection {
  ordinal: number;
  entity: { id: string; creditCode: string; name: string; address: string };
  riskClass: string;
  officers: { id: string; name: string }[];
  case: { id: string; number: string } | null;
  result: { state: string; name: string; nameEn: string | null; final: boolean; date: string | null } | null;
}

/** GET /inspection-plans/:id. */
export interface PlanDetail extends Plan {
  inspections: PlanInspection[];
  may: { draw: boolean };
}

/** GET /inspection-plans/:id/results. */
export interface PlanResults {
  items: {
    entity: { name: string; creditCode: string };
    date: string | null;
    result: { name: string; nameEn: string | null };
  }[];
}

/** The colour of a risk class tag: D red to A green. */
export const RISK_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
