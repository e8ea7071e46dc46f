/**
 * The rules of a case in the browser: the pinned pack's forms, benchmark and rule environment
 * from GET /cases/{id}/rules, compiled here by @yifa/rules exactly as the server compiles them.
 */
import type {
  Codelist,
  DiscretionBenchmark,
  DocumentForm,
  FactDefinition,
  HolidayCalendar,
  NamedCondition,
  Parameter,
} from '@yifa/metamodel';
import { createRuleEnv, type FactContext, type RuleEnv } from '@yifa/rules';
import { useMemo } from 'react';
import type { FactDefinitionView } from './types.ts';
import { useResource } from './use-resource.ts';

/** The answer of GET /cases/{id}/rules. */
export interface CaseRulesBody {
  packHash: string;
  today: string;
  matter: string;
  stateDocuments: string[];
  actionNames: Record<string, { zh: string; en: string }>;
  forms: DocumentForm[];
  /** Who issues (签发) each form that names its issuing roles (issuedBy), by form code. */
  issuers?: Record<string, { roles: string[]; names: { zh: string; en: string } }>;
  discretion: DiscretionBenchmark | null;
  parameters: Parameter[];
  conditions: NamedCondition[];
  calendars: HolidayCalendar[];
  /** The codelists platform facts take their values from (penalty-kinds), so a tier's penalties read as the pack names them. */
  codelists: Codelist[];
  facts: FactDefinitionView[];
  context: FactContext;
}

/** The compiled view of a case's rules. */
export interface CaseRules extends CaseRulesBody {
  env: RuleEnv;
  form(code: string): DocumentForm | undefined;
}

/** Loads and compiles a case's rules; `reload` after the case changes (its facts and state are in the context). */
export function useCaseRules(caseId: string | null) {
  const res = useResource<CaseRulesBody>(caseId ? `/cases/${caseId}/rules` : null);
  const rules = useMemo<CaseRules | undefined>(() => {
    const b = res.data;
    if (!b) return undefined;
    const env = createRuleEnv({
      parameters: b.parameters,
      conditions: b.conditions,
      calendars: b.calendars,
      codelists: b.codelists,
      facts: b.facts as FactDefinition[],
    });
    const forms = new Map(b.forms.map((f) => [f.code, f]));
    return { ...b, env, form: (code) => forms.get(code) };
  }, [res.data]);
  return { rules, error: res.error, loading: res.loading, reload: res.reload };
}
