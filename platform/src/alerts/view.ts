/**
 * Alerts as the API shows them: a fired rule (the supervision summary's subject alerts) or a
 * stored alert of the board, with its recipients by name, its case (number, matter, state as it
 * is now) or subject, and its history (raised, read, handled with the note, closed and why).
 */
import type { ResolvedPack } from '@yifa/metamodel';
import type { FiredAlert } from '@yifa/rules';
import { dayOf, stateOf } from '../routes/case-views.ts';
import type { BoardRow } from './board.ts';
import { whyBoth } from './explain.ts';
import { CASE_OFFICERS, SUBJECT_HEAD } from './recipients.ts';

const SPECIAL: Record<string, { zh: string; en: string }> = {
  [CASE_OFFICERS]: { zh: '承办执法人员', en: 'Officers of the case' },
  [SUBJECT_HEAD]: { zh: '执法主体负责人', en: 'Head of the subject' },
};

/** A recipient as the API shows it: a role of the pack by its name, or one of the special recipients. */
export function recipientView(pack: ResolvedPack, code: string) {
  const role = pack.items.role.get(code);
  const name = role ? { zh: role.name, en: role.nameEn ?? role.name } : (SPECIAL[code] ?? { zh: code, en: code });
  return { code, name };
}

/** A fired rule as the API shows it: its rule, level, message, why it fired and whom it is for. */
export function firedView(pack: ResolvedPack, alert: FiredAlert) {
  return {
    code: alert.code,
    name: alert.name,
    level: alert.level,
    message: alert.message,
    why: whyBoth(alert),
    recipients: alert.recipients.map((code) => recipientView(pack, code)),
  };
}

/** A user as the board names them. */
const person = (id: string | null, names: ReadonlyMap<string, string>) =>
  id ? { id, name: names.get(id) ?? id } : null;

/**
 * A stored alert as the board shows it. `packs` gives the pack of the rule (for the recipients'
 * names) and of the case (for its matter and state); `names` the users who read or handled it.
 */
export async function boardView(
  row: BoardRow,
  packs: { byHash(hash: string): Promise<ResolvedPack> },
  names: ReadonlyMap<string, string>,
) {
  const a = row.alert;
  const rulePack = await packs.byHash(a.packHash);
  let kase = null;
  if (row.case) {
    const casePack = row.case.packHash === a.packHash ? rulePack : await packs.byHash(row.case.packHash);
    const matter = casePack.items.matter.get(row.case.matterCode);
    const workflow = casePack.items.workflow.get(row.case.workflowCode);
    kase = {
      id: row.case.id,
      number: row.case.number,
      cause: matter?.cause ?? matter?.name ?? row.case.matterCode,
      matter: { code: row.case.matterCode, name: matter?.name ?? row.case.matterCode, nameEn: matter?.nameEn ?? null },
      state: workflow
        ? stateOf(workflow, row.case.state)
        : { code: row.case.state, name: row.case.state, nameEn: null, kind: 'normal', terminal: false },
      subject: { code: a.subjectOrg, name: row.subjectName ?? a.subjectOrg },
      openedAt: row.case.openedAt,
      closed: row.case.closedAt !== null,
    };
  }
  return {
    id: a.id,
    code: a.ruleCode,
    name: a.name,
    level: a.level,
    message: a.message,
    why: a.why,
    recipients: a.notify.map((code) => recipientView(rulePack, code)),
    addressedToMe: row.addressed,
    status: a.status,
    subject: { code: a.subjectOrg, name: row.subjectName ?? a.subjectOrg },
    case: kase,
    raisedAt: a.raisedAt,
    raisedOn: dayOf(new Date(a.raisedAt)),
    updatedAt: a.updatedAt,
    read: a.readAt ? { at: a.readAt, by: person(a.readBy, names) } : null,
    handled: a.handledAt ? { at: a.handledAt, by: person(a.handledBy, names), note: a.handleNote ?? '' } : null,
    closed: a.closedAt ? { at: a.closedAt, why: a.closedWhy } : null,
  };
}

/** The users a page of the board names (who read, who handled). */
export function namedUsers(rows: readonly BoardRow[]): string[] {
  return rows.flatMap((r) => [r.alert.readBy, r.alert.handledBy].filter((x): x is string => !!x));
}
