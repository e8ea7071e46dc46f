/**
 * Parameters scoped by organisation and sector, and dated. The value in force for a case is its
 * subject organisation's own (byOrganisation), else the nearest ancestor's, else its matter's
 * sector's (bySector), else the default (versions, then value) — each the version in force on
 * the case's day. Rules substitute parameters when they compile, so a case whose values differ
 * from the defaults gets an environment of its own, shared by every case with the same values
 * (one per distinct choice, not one per case).
 */
import type { Parameter } from '@yifa/metamodel';
import type { RuleEnv } from './env.ts';

/** Where a case stands for its parameters: its subject's organisations, its sector and its day. */
export interface ParamScope {
  /** Organisation codes from the root down to the case's subject. */
  orgPath?: readonly string[];
  /** The matter's sector (codelist 'sectors'). */
  sector?: string;
  /** The day the rule asks about (YYYY-MM-DD). Without it, the open-ended versions count. */
  date?: string;
}

/** Which value a case got: the default, an organisation's or a sector's, and its dates. */
export interface ParamOrigin {
  from: 'default' | 'organisation' | 'sector';
  organisation?: { code: string; name: string };
  sector?: string;
  effectiveFrom?: string;
  effectiveTo?: string;
}

/** A parameter's value for a scope, and where it came from. */
export interface ParamValue {
  value: Parameter['value'];
  origin: ParamOrigin;
}

type Dated = { effectiveFrom: string; effectiveTo?: string };

function inForce(v: Dated, date: string | undefined): boolean {
  if (date === undefined) return v.effectiveTo === undefined;
  return v.effectiveFrom <= date && (v.effectiveTo === undefined || date <= v.effectiveTo);
}

/** The latest-starting value in force (several only when a pack is invalid: param.versions-overlap). */
function pick<T extends Dated>(list: readonly T[] | undefined, date: string | undefined): T | undefined {
  let best: T | undefined;
  for (const v of list ?? []) if (inForce(v, date) && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}

const dates = (v: Dated) => ({
  effectiveFrom: v.effectiveFrom,
  ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
});

/**
 * The value of a parameter in force for a scope.
 * @example paramValue(hearingFineOrg, { orgPath: ['130000-GOV', '130100-GOV', '130100-SCJ'], date: '2026-03-01' }, env)
 */
export function paramValue(p: Parameter, scope: ParamScope, env?: Pick<RuleEnv, 'organisations'>): ParamValue {
  const path = scope.orgPath ?? [];
  for (let i = path.length - 1; i >= 0; i--) {
    const code = path[i] as string;
    const own = pick(
      p.byOrganisation?.filter((v) => v.organisation === code),
      scope.date,
    );
    if (own) {
      const org = env?.organisations.get(code);
      const name = org?.shortName ?? org?.name ?? code;
      return { value: own.value, origin: { from: 'organisation', organisation: { code, name }, ...dates(own) } };
    }
  }
  if (scope.sector !== undefined) {
    const sector = pick(
      p.bySector?.filter((v) => v.sector === scope.sector),
      scope.date,
    );
    if (sector) return { value: sector.value, origin: { from: 'sector', sector: scope.sector, ...dates(sector) } };
  }
  const version = pick(p.versions, scope.date);
  if (version) return { value: version.value, origin: { from: 'default', ...dates(version) } };
  return { value: p.value, origin: { from: 'default' } };
}

/** Whether a parameter can differ from its `value` at all. */
function scoped(p: Parameter): boolean {
  return p.versions !== undefined || p.byOrganisation !== undefined || p.bySector !== undefined;
}

const derived = new WeakMap<RuleEnv, Map<string, RuleEnv>>();

/**
 * The environment rules of a case compile against: the pack's, with each scoped parameter's
 * value in force for the case (and its origin, which explanations show). The same environment
 * object for every case with the same values, so compiled rules are shared.
 * @example const caseEnv = scopedEnv(envOf(pack), { orgPath, sector: matter.sector, date: today });
 */
export function scopedEnv(env: RuleEnv, scope: ParamScope): RuleEnv {
  const chosen: [string, ParamValue][] = [];
  for (const [code, p] of env.params) if (scoped(p)) chosen.push([code, paramValue(p, scope, env)]);
  if (chosen.length === 0) return env;
  const key = JSON.stringify(chosen);
  let byKey = derived.get(env);
  if (!byKey) {
    byKey = new Map();
    derived.set(env, byKey);
  }
  let out = byKey.get(key);
  if (!out) {
    const params = new Map(env.params);
    const origins = new Map(env.paramOrigins);
    for (const [code, v] of chosen) {
      params.set(code, { ...(env.params.get(code) as Parameter), value: v.value });
      origins.set(code, v.origin);
    }
    out = { ...env, params, paramOrigins: origins, cache: new WeakMap() };
    byKey.set(key, out);
  }
  return out;
}

/**
 * The organisation codes from the root down to an organisation, by the pack's `parent`s (for
 * golden cases, which name the subject; the platform keeps the path on the case).
 */
export function orgPathOf(code: string, env: Pick<RuleEnv, 'organisations'>): string[] {
  const path: string[] = [];
  let at: string | undefined = code;
  while (at !== undefined && !path.includes(at)) {
    path.unshift(at);
    at = env.organisations.get(at)?.parent;
  }
  return path;
}
