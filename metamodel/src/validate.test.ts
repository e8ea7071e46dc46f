import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureWith } from '../test/fixture.ts';
import { HOSTILE } from '../test/hostile.ts';
import type { LoadLimits } from './pack/limits.ts';
import { validatePackDir } from './validate-dir.ts';

const base = (file: string) => readFileSync(join(FIXTURES, 'base', file), 'utf8');
/** The region's manifest moved to metamodel 2 (keyed overlays). */
const regionV2 = () =>
  readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8').replace('metamodel: "1"', 'metamodel: "2"');

interface Bad {
  name: string;
  edits: Record<string, string | null>;
  pack?: 'base' | 'region';
  /** Writes what edits cannot (bytes, links, FIFOs) into the temp copy. */
  build?: (dir: string) => void;
  limits?: Partial<LoadLimits>;
  /** A warning leaves the pack valid; every other row makes it invalid. */
  expect: { code: string; pack?: string; file: string; pointer: string; line?: number; severity?: 'warning' };
}

/** Each row: a bad fixture and the issue it must produce (code, file, pointer). */
const BAD: Bad[] = [
  // schema
  {
    name: 'a required property is missing',
    edits: { 'base/matters/M-1.yaml': base('matters/M-1.yaml').replace('workflow: penalty\n', '') },
    expect: { code: 'schema.required', file: 'matters/M-1.yaml', pointer: '/workflow' },
  },
  {
    name: 'an unknown property',
    edits: { 'base/roles/officer.yaml': `${base('roles/officer.yaml')}colour: red\n` },
    expect: { code: 'schema.additionalProperties', file: 'roles/officer.yaml', pointer: '/colour', line: 6 },
  },
  {
    name: 'an unknown operator, reported once at its place',
    edits: {
      'base/conditions/needs-legal-review.yaml': base('conditions/needs-legal-review.yaml').replace(
        'operator: equal',
        'operator: looksLike',
      ),
    },
    expect: {
      code: 'schema.enum',
      file: 'conditions/needs-legal-review.yaml',
      pointer: '/when/any/0/operator',
      line: 5,
    },
  },
  {
    name: 'a condition without a value',
    edits: {
      'base/conditions/needs-legal-review.yaml': base('conditions/needs-legal-review.yaml').replace(
        ', value: true',
        '',
      ),
    },
    expect: { code: 'schema.required', file: 'conditions/needs-legal-review.yaml', pointer: '/when/any/0/value' },
  },
  {
    name: 'a malformed code',
    edits: { 'base/roles/officer.yaml': base('roles/officer.yaml').replace('code: officer', 'code: "officer role"') },
    expect: { code: 'file.code-mismatch', file: 'roles/officer.yaml', pointer: '' },
  },
  {
    name: 'a bad manifest version',
    edits: { 'base/pack.yaml': base('pack.yaml').replace('1.2.0', 'one') },
    expect: { code: 'schema.pattern', file: 'pack.yaml', pointer: '/version', line: 3 },
  },
  // files
  {
    name: 'broken YAML names the line',
    edits: { 'base/matters/M-1.yaml': 'code: M-1\nname: [unclosed\n' },
    expect: { code: 'file.parse', file: 'matters/M-1.yaml', pointer: '' },
  },
  {
    name: 'a file whose name is not its code',
    edits: { 'base/matters/M-9.yaml': base('matters/M-1.yaml').replace('code: M-1', 'code: M-8') },
    expect: { code: 'file.code-mismatch', file: 'matters/M-9.yaml', pointer: '' },
  },
  {
    name: 'the same code twice',
    edits: {
      'base/matters/M-1.json': JSON.stringify({
        code: 'M-1',
        name: 'x',
        category: 'legal-affairs',
        workflow: 'penalty',
        documents: [],
      }),
    },
    expect: { code: 'code.duplicate', file: 'matters/M-1.yaml', pointer: '' },
  },
  {
    name: 'an unknown folder',
    edits: { 'base/widgets/w.yaml': 'code: w\n' },
    expect: { code: 'file.unknown-folder', file: 'widgets', pointer: '' },
  },
  // hostile and broken input (test/hostile.ts)
  ...HOSTILE,
  // references
  {
    name: 'matter → missing workflow',
    edits: { 'base/matters/M-1.yaml': base('matters/M-1.yaml').replace('workflow: penalty', 'workflow: nope') },
    expect: { code: 'ref.unresolved', file: 'matters/M-1.yaml', pointer: '/workflow', line: 5 },
  },
  {
    name: 'matter → missing document',
    edits: {
      'base/matters/M-1.yaml': base('matters/M-1.yaml').replace(
        'documents: [penalty-decision]',
        'documents: [penalty-decision, nope]',
      ),
    },
    expect: { code: 'ref.unresolved', file: 'matters/M-1.yaml', pointer: '/documents/1' },
  },
  {
    name: 'matter → missing discretion',
    edits: { 'base/matters/M-1.yaml': base('matters/M-1.yaml').replace('discretion: DB-1', 'discretion: DB-9') },
    expect: { code: 'ref.unresolved', file: 'matters/M-1.yaml', pointer: '/discretion' },
  },
  {
    name: 'matter → missing authority item',
    edits: { 'base/matters/M-1.yaml': base('matters/M-1.yaml').replace('authorityItem: AI-1', 'authorityItem: AI-9') },
    expect: { code: 'ref.unresolved', file: 'matters/M-1.yaml', pointer: '/authorityItem' },
  },
  {
    name: 'authority item → missing legal basis',
    edits: {
      'base/authority-items/AI-1.yaml': base('authority-items/AI-1.yaml').replace(
        'setting: [SPAQF-122-1]',
        'setting: [SPAQF-999]',
      ),
    },
    expect: { code: 'ref.unresolved', file: 'authority-items/AI-1.yaml', pointer: '/basis/setting/0' },
  },
  {
    name: 'authority item → not a power type',
    edits: {
      'base/authority-items/AI-1.yaml': base('authority-items/AI-1.yaml').replace('powerType: CF', 'powerType: XX'),
    },
    expect: { code: 'ref.codelist-entry', file: 'authority-items/AI-1.yaml', pointer: '/powerType' },
  },
  {
    name: 'transition → missing role',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        'roles: [department-head]',
        'roles: [chief]',
      ),
    },
    expect: { code: 'ref.unresolved', file: 'workflows/penalty.yaml', pointer: '/transitions/0/roles/0' },
  },
  // workflows
  {
    name: 'transition → missing state',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace('to: investigation', 'to: investigating'),
    },
    expect: { code: 'workflow.state-unknown', file: 'workflows/penalty.yaml', pointer: '/transitions/0/to' },
  },
  {
    name: 'an unreachable state',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        '  - { code: closed,',
        '  - { code: limbo, name: 悬置, terminal: true }\n  - { code: closed,',
      ),
    },
    expect: { code: 'workflow.unreachable', file: 'workflows/penalty.yaml', pointer: '/states/4' },
  },
  {
    name: 'leaving a terminal state',
    edits: {
      'base/workflows/penalty.yaml': `${base('workflows/penalty.yaml').replace('deadlines:', '  - { action: reopen, name: 重新打开, from: closed, to: filing }\ndeadlines:')}`,
    },
    expect: { code: 'workflow.terminal-exit', file: 'workflows/penalty.yaml', pointer: '/transitions/4/from' },
  },
  {
    name: 'no terminal state',
    edits: { 'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(', terminal: true', '') },
    expect: { code: 'workflow.no-terminal', file: 'workflows/penalty.yaml', pointer: '/states' },
  },
  {
    name: 'an unknown start',
    edits: { 'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace('start: filing', 'start: intake') },
    expect: { code: 'workflow.start-unknown', file: 'workflows/penalty.yaml', pointer: '/start' },
  },
  {
    name: 'a deadline naming a missing state',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        'stop: [decision, closed]',
        'stop: [decided]',
      ),
    },
    expect: { code: 'workflow.state-unknown', file: 'workflows/penalty.yaml', pointer: '/deadlines/0/stop/0' },
  },
  {
    name: 'a dead end',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml')
        .replace(
          '{ code: review, name: 法制审核, kind: legal-review }',
          '{ code: review, name: 法制审核, kind: legal-review }\n  - { code: parked, name: 搁置 }',
        )
        .replace('deadlines:', '  - { action: park, name: 搁置, from: filing, to: parked }\ndeadlines:'),
    },
    expect: { code: 'workflow.dead-end', file: 'workflows/penalty.yaml', pointer: '/states/3' },
  },
  // legal time and discretion
  {
    name: 'legal-basis versions overlap',
    edits: {
      'base/legal-bases/SPAQF-122-1.yaml': base('legal-bases/SPAQF-122-1.yaml').replace(
        'effectiveTo: 2021-04-28',
        'effectiveTo: 2021-05-01',
      ),
    },
    expect: { code: 'legal-basis.versions-overlap', file: 'legal-bases/SPAQF-122-1.yaml', pointer: '/versions/1' },
  },
  {
    name: 'a tier outside the legal range',
    edits: { 'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace('max: 100000 } }', 'max: 120000 } }') },
    expect: { code: 'discretion.tier-out-of-range', file: 'discretion/DB-1.yaml', pointer: '/versions/0/tiers/0/fine' },
  },
  {
    name: 'the default tier not last',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        '- { code: normal, name: 一般, fine: { min: 65000, max: 85000 } }',
        '- { code: normal, name: 一般, fine: { min: 65000, max: 85000 } }\n      - { code: light, name: 从轻, when: { fact: goodsValue, operator: lessThan, value: 100 }, fine: { min: 50000, max: 65000 } }',
      ),
    },
    // The fixture's default tier comes third, after 从重 and 从轻 (which cover the legal range).
    expect: { code: 'discretion.default-not-last', file: 'discretion/DB-1.yaml', pointer: '/versions/0/tiers/2' },
  },
  {
    name: 'a tier without a fine that does not say its penalties',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        '{ code: normal, name: 一般, fine: { min: 65000, max: 85000 } }',
        '{ code: normal, name: 一般 }',
      ),
    },
    expect: { code: 'discretion.fine-missing', file: 'discretion/DB-1.yaml', pointer: '/versions/0/tiers/2' },
  },
  {
    name: 'a fine tier whose penalties leave out the fine',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        '{ code: normal, name: 一般, fine:',
        '{ code: normal, name: 一般, penalties: [warning], fine:',
      ),
    },
    expect: {
      code: 'discretion.fine-not-in-penalties',
      file: 'discretion/DB-1.yaml',
      pointer: '/versions/0/tiers/2/penalties',
    },
  },
  {
    name: 'a warning tier with a penalty kind the codelist lacks',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        '{ code: normal, name: 一般, fine: { min: 65000, max: 85000 } }',
        '{ code: normal, name: 一般, penalties: [reprimand] }',
      ),
    },
    expect: { code: 'ref.codelist-entry', file: 'discretion/DB-1.yaml', pointer: '/versions/0/tiers/2/penalties/0' },
  },
  {
    name: 'a tier fining a responsible person the version does not declare',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        'fine: { min: 85000, max: 100000 } }',
        'fine: { min: 85000, max: 100000 }, persons: [{ person: manager, fine: { min: 20000, max: 50000 } }] }',
      ),
    },
    expect: {
      code: 'discretion.unknown-person',
      file: 'discretion/DB-1.yaml',
      pointer: '/versions/0/tiers/0/persons/0/person',
    },
  },
  {
    name: "a person's tier range outside that person's legal range",
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml')
        .replace(
          '    noPenalty:',
          '    persons: [{ code: manager, name: 直接负责的主管人员, legalRange: { min: 20000, max: 50000 } }]\n    noPenalty:',
        )
        .replace(
          'fine: { min: 85000, max: 100000 } }',
          'fine: { min: 85000, max: 100000 }, persons: [{ person: manager, fine: { min: 20000, max: 60000 } }] }',
        ),
    },
    expect: {
      code: 'discretion.tier-out-of-range',
      file: 'discretion/DB-1.yaml',
      pointer: '/versions/0/tiers/0/persons/0/fine',
    },
  },
  {
    name: 'tiers that leave part of the legal range to no tier (a warning)',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        'fine: { min: 50000, max: 65000 }',
        'fine: { min: 55000, max: 65000 }',
      ),
    },
    expect: {
      code: 'discretion.range-gap',
      file: 'discretion/DB-1.yaml',
      pointer: '/versions/0/legalRange',
      severity: 'warning',
    },
  },
  {
    name: "a responsible person's legal range no tier covers (a warning)",
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        '    noPenalty:',
        '    persons: [{ code: manager, name: 直接负责的主管人员, legalRange: { min: 20000, max: 50000 } }]\n    noPenalty:',
      ),
    },
    expect: {
      code: 'discretion.range-gap',
      file: 'discretion/DB-1.yaml',
      pointer: '/versions/0/persons/0/legalRange',
      severity: 'warning',
    },
  },
  {
    name: 'continuing fines counted from an undeclared fact',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        '    noPenalty:',
        '    continuing: { from: { fact: orderServedOn }, dailyAmount: { fact: goodsValue } }\n    noPenalty:',
      ),
    },
    expect: {
      code: 'condition.unknown-fact',
      file: 'discretion/DB-1.yaml',
      pointer: '/versions/0/continuing/from/fact',
    },
  },
  // conditions
  {
    name: 'a guard on an undeclared fact',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace('fact: goodsValue', 'fact: weather'),
    },
    expect: { code: 'condition.unknown-fact', file: 'workflows/penalty.yaml', pointer: '/transitions/2/unless/fact' },
  },
  {
    name: 'a benchmark fact one of its matters does not declare',
    edits: {
      'base/matters/M-3.yaml': base('matters/M-1.yaml')
        .replace('code: M-1', 'code: M-3')
        .replace(/facts:[\s\S]*?disclosure/, 'disclosure'),
    },
    expect: {
      code: 'condition.unknown-fact',
      file: 'discretion/DB-1.yaml',
      pointer: '/versions/0/noPenalty/0/when/all/0/fact',
    },
  },
  {
    name: 'an unknown parameter',
    edits: {
      'base/conditions/needs-legal-review.yaml': base('conditions/needs-legal-review.yaml').replace(
        'major-fine-org',
        'huge-fine',
      ),
    },
    expect: {
      code: 'condition.unknown-param',
      file: 'conditions/needs-legal-review.yaml',
      pointer: '/when/any/1/value/param',
    },
  },
  {
    name: 'a parameterised fact without its parameter',
    edits: {
      'base/alerts/overdue.yaml': base('alerts/overdue.yaml').replace(
        'when: { fact: deadlineDaysLeft, params: { deadline: decide-90 }, operator: lessThan, value: 10 }',
        'when: { fact: deadlineDaysLeft, operator: lessThan, value: 10 }',
      ),
    },
    expect: { code: 'condition.fact-param', file: 'alerts/overdue.yaml', pointer: '/when/params' },
  },
  {
    name: 'a deadline parameter naming no deadline',
    edits: {
      'base/alerts/overdue.yaml': base('alerts/overdue.yaml').replace(
        'when: { fact: deadlineDaysLeft, params: { deadline: decide-90 }, operator: lessThan, value: 10 }',
        'when: { fact: deadlineDaysLeft, params: { deadline: decide-60 }, operator: lessThan, value: 10 }',
      ),
    },
    expect: { code: 'condition.fact-param', file: 'alerts/overdue.yaml', pointer: '/when/params' },
  },
  {
    name: 'between with a bad pair',
    edits: {
      'base/conditions/needs-legal-review.yaml': base('conditions/needs-legal-review.yaml').replace(
        'operator: equal, value: true',
        'operator: between, value: [1, 2, 3]',
      ),
    },
    expect: { code: 'condition.value-shape', file: 'conditions/needs-legal-review.yaml', pointer: '/when/any/0/value' },
  },
  {
    name: 'a missing named condition',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        'condition: needs-legal-review',
        'condition: needs-review',
      ),
    },
    expect: { code: 'ref.unresolved', file: 'workflows/penalty.yaml', pointer: '/transitions/1/when/condition' },
  },
  {
    name: 'named conditions in a cycle',
    edits: {
      'base/conditions/a.yaml': 'code: a\nname: 甲\nwhen: { condition: b }\n',
      'base/conditions/b.yaml': 'code: b\nname: 乙\nwhen: { not: { condition: a } }\n',
    },
    expect: { code: 'condition.cycle', file: 'conditions/a.yaml', pointer: '/when' },
  },
  {
    name: 'a condition nested too deep',
    edits: {
      'base/conditions/deep.yaml': `code: deep\nname: 深\nwhen: ${'{ not: '.repeat(40)}{ fact: complex, operator: equal, value: true }${' }'.repeat(40)}\n`,
    },
    expect: { code: 'condition.too-deep', file: 'conditions/deep.yaml', pointer: `/when${'/not'.repeat(33)}` },
  },
  // documents and matters
  {
    name: 'an unknown numbering token',
    edits: {
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml').replace('{year}', '{yr}'),
    },
    expect: { code: 'document.unknown-token', file: 'documents/penalty-decision.yaml', pointer: '/numbering/pattern' },
  },
  {
    name: 'numbering without a sequence',
    edits: {
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml').replace('{seq:4}', '0001'),
    },
    expect: {
      code: 'document.numbering-needs-seq',
      file: 'documents/penalty-decision.yaml',
      pointer: '/numbering/pattern',
    },
  },
  {
    name: 'print naming a missing field',
    edits: {
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml').replace(
        '当事人：{partyName}',
        '当事人：{party}',
      ),
    },
    expect: {
      code: 'document.unknown-field',
      file: 'documents/penalty-decision.yaml',
      pointer: '/print/blocks/1/text',
    },
  },
  {
    name: 'a rule naming a missing field',
    edits: {
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml').replace(
        'fields: [fine]',
        'fields: [fineAmount]',
      ),
    },
    expect: { code: 'document.unknown-field', file: 'documents/penalty-decision.yaml', pointer: '/rules/0/fields/0' },
  },
  {
    name: 'a document editable in a state no workflow has',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}editableIn: [nowhere]\n`,
    },
    expect: { code: 'document.unknown-state', file: 'documents/penalty-decision.yaml', pointer: '/editableIn/0' },
  },
  {
    name: 'a field in two sections',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}sections:
  - { code: officer, title: 承办人, roles: [officer], fields: [partyName, fine] }
  - { code: head, title: 负责人, roles: [officer], fields: [fine, decidedAt] }
`,
    },
    expect: {
      code: 'document.section-overlap',
      file: 'documents/penalty-decision.yaml',
      pointer: '/sections/1/fields/0',
    },
  },
  {
    name: 'a section naming a missing field',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}sections:
  - { code: officer, title: 承办人, roles: [officer], fields: [fineAmount] }
`,
    },
    expect: {
      code: 'document.unknown-field',
      file: 'documents/penalty-decision.yaml',
      pointer: '/sections/0/fields/0',
    },
  },
  {
    name: 'a section filled by a role the pack lacks',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}sections:
  - { code: head, title: 负责人, roles: [chief], fields: [decidedAt] }
`,
    },
    expect: { code: 'ref.unresolved', file: 'documents/penalty-decision.yaml', pointer: '/sections/0/roles/0' },
  },
  {
    name: 'a document issued by a role the pack lacks',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}issuedBy: [department-head, chief]\n`,
    },
    expect: { code: 'ref.unresolved', file: 'documents/penalty-decision.yaml', pointer: '/issuedBy/1' },
  },
  {
    name: 'a document issued by a role without document.issue',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}issuedBy: [officer]\n`,
    },
    expect: {
      code: 'document.issuer-cannot-issue',
      file: 'documents/penalty-decision.yaml',
      pointer: '/issuedBy/0',
    },
  },
  {
    name: 'a transition requiring a field its document lacks',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        'documents: [penalty-decision] }\ndeadlines',
        'documents: [penalty-decision], documentFields: [{ document: penalty-decision, field: opinion, equal: x }] }\ndeadlines',
      ),
    },
    expect: {
      code: 'workflow.document-field-unknown',
      file: 'workflows/penalty.yaml',
      pointer: '/transitions/3/documentFields/0/field',
    },
  },
  {
    name: 'a transition requiring a document field with both equal and notEqual',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        'documents: [penalty-decision] }\ndeadlines',
        'documents: [penalty-decision], documentFields: [{ document: penalty-decision, field: penalties, equal: 警告, notEqual: 罚款 }] }\ndeadlines',
      ),
    },
    expect: {
      code: 'workflow.document-field-value',
      file: 'workflows/penalty.yaml',
      pointer: '/transitions/3/documentFields/0',
    },
  },
  {
    name: 'a transition requiring a choice no option of the field has',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        'documents: [penalty-decision] }\ndeadlines',
        'documents: [penalty-decision], documentFields: [{ document: penalty-decision, field: penalties, notEqual: 没收 }] }\ndeadlines',
      ),
    },
    expect: {
      code: 'workflow.document-field-option',
      file: 'workflows/penalty.yaml',
      pointer: '/transitions/3/documentFields/0/notEqual',
    },
  },
  {
    name: 'a transition requiring a field of a document the pack lacks',
    edits: {
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml').replace(
        'documents: [penalty-decision] }\ndeadlines',
        'documents: [penalty-decision], documentFields: [{ document: filing-form, field: opinion, equal: x }] }\ndeadlines',
      ),
    },
    expect: {
      code: 'ref.unresolved',
      file: 'workflows/penalty.yaml',
      pointer: '/transitions/3/documentFields/0/document',
    },
  },
  {
    name: 'a fact set on issue with neither value nor field',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}sets:\n  - { fact: hearingHeld }\n`,
    },
    expect: { code: 'document.sets-value', file: 'documents/penalty-decision.yaml', pointer: '/sets/0' },
  },
  {
    name: 'a fact set on issue that the platform computes',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}sets:\n  - { fact: caseNumber, value: x }\n`,
    },
    expect: { code: 'document.sets-unknown-fact', file: 'documents/penalty-decision.yaml', pointer: '/sets/0/fact' },
  },
  {
    name: 'a fact set on issue from a missing field',
    edits: {
      'base/documents/penalty-decision.yaml': `${base('documents/penalty-decision.yaml')}sets:\n  - { fact: hearingHeld, field: heldOn }\n`,
    },
    expect: { code: 'document.unknown-field', file: 'documents/penalty-decision.yaml', pointer: '/sets/0/field' },
  },
  {
    name: 'an enforcement matter without authority item',
    edits: { 'base/matters/M-1.yaml': base('matters/M-1.yaml').replace('authorityItem: AI-1\n', '') },
    expect: { code: 'matter.authority-required', file: 'matters/M-1.yaml', pointer: '/authorityItem' },
  },
  {
    name: 'a matter fact shadowing a platform fact',
    edits: { 'base/matters/M-1.yaml': base('matters/M-1.yaml').replace('name: firstViolation', 'name: proposedFine') },
    expect: { code: 'matter.fact-shadows-platform', file: 'matters/M-1.yaml', pointer: '/facts/1/name' },
  },
  // roles, organisations, assessments, alerts, parameters, tests
  {
    name: 'an audit admin doing case work',
    edits: {
      'base/roles/audit-admin.yaml': base('roles/audit-admin.yaml').replace(
        '[audit.read, audit.verify]',
        '[audit.read, audit.verify, case.read]',
      ),
    },
    expect: { code: 'role.admin-mixed', file: 'roles/audit-admin.yaml', pointer: '/permissions/2' },
  },
  {
    name: 'organisations in a cycle',
    edits: { 'base/organisations/gov.yaml': `${base('organisations/gov.yaml')}parent: scj\n` },
    expect: { code: 'org.cycle', file: 'organisations/gov.yaml', pointer: '/parent' },
  },
  {
    name: 'weights not adding to 100',
    edits: { 'base/assessments/base.yaml': base('assessments/base.yaml').replace('weight: 40', 'weight: 30') },
    expect: { code: 'assessment.weights', file: 'assessments/base.yaml', pointer: '/indicators' },
  },
  {
    name: 'fines as an indicator',
    edits: {
      'base/assessments/base.yaml': base('assessments/base.yaml').replace(
        'numerator: majorCasesReviewed',
        'numerator: fineTotal',
      ),
    },
    expect: {
      code: 'assessment.unknown-metric',
      file: 'assessments/base.yaml',
      pointer: '/indicators/1/measure/ratio/numerator',
    },
  },
  {
    name: 'a derived metric summing a metric that does not exist',
    edits: {
      'base/assessments/base.yaml': `${base('assessments/base.yaml')}metrics:\n  - { name: corrected, label: 纠错数, sum: [{ metric: majorCases }, { metric: fineTotal }] }\n`,
    },
    expect: { code: 'assessment.unknown-metric', file: 'assessments/base.yaml', pointer: '/metrics/0/sum/1/metric' },
  },
  {
    name: 'a derived formula reading a metric that does not exist',
    edits: {
      'base/assessments/base.yaml': `${base('assessments/base.yaml')}metrics:\n  - { name: corrected, label: 纠错数, formula: { add: [{ fact: majorCases }, { fact: fines }] } }\n`,
    },
    expect: {
      code: 'assessment.unknown-metric',
      file: 'assessments/base.yaml',
      pointer: '/metrics/0/formula/add/1/fact',
    },
  },
  {
    name: 'derived metrics defined from each other in a cycle',
    edits: {
      'base/assessments/base.yaml': `${base('assessments/base.yaml')}metrics:\n  - { name: a, label: 甲, sum: [{ metric: b }, { metric: cases }] }\n  - { name: b, label: 乙, formula: { mul: [2, { fact: a }] } }\n`,
    },
    expect: { code: 'assessment.metric-cycle', file: 'assessments/base.yaml', pointer: '/metrics/0/name' },
  },
  {
    name: 'a derived metric with both a sum and a formula',
    edits: {
      'base/assessments/base.yaml': `${base('assessments/base.yaml')}metrics:\n  - { name: both, label: 两者, sum: [{ metric: cases }], formula: { fact: cases } }\n`,
    },
    expect: { code: 'assessment.metric-definition', file: 'assessments/base.yaml', pointer: '/metrics/0' },
  },
  {
    name: 'a derived metric named like a platform metric',
    edits: {
      'base/assessments/base.yaml': `${base('assessments/base.yaml')}metrics:\n  - { name: cases, label: 案件数, sum: [{ metric: closedCases }] }\n`,
    },
    expect: { code: 'assessment.metric-duplicate', file: 'assessments/base.yaml', pointer: '/metrics/0/name' },
  },
  {
    name: 'an unknown recipient',
    edits: {
      'base/alerts/overdue.yaml': base('alerts/overdue.yaml').replace(
        'notify: [case-officers, department-head]',
        'notify: [case-officers, mayor]',
      ),
    },
    expect: { code: 'alert.unknown-recipient', file: 'alerts/overdue.yaml', pointer: '/notify/1' },
  },
  {
    name: 'an unknown message placeholder',
    edits: { 'base/alerts/overdue.yaml': base('alerts/overdue.yaml').replace('{caseNumber}', '{caseNo}') },
    expect: { code: 'alert.unknown-placeholder', file: 'alerts/overdue.yaml', pointer: '/message' },
  },
  {
    name: 'a subject alert that asks for closed cases',
    edits: {
      'base/alerts/zero.yaml': [
        'code: zero',
        'name: 零履职',
        'scope: subject',
        'includeClosed: true',
        'when: { fact: subjectType, operator: equal, value: street }',
        'levels: [{ level: yellow }]',
        'notify: [department-head]',
        'message: 主体{subjectName}',
        '',
      ].join('\n'),
    },
    expect: { code: 'alert.include-closed-subject', file: 'alerts/zero.yaml', pointer: '/includeClosed' },
  },
  {
    name: 'a parameter of the wrong type',
    edits: {
      'base/parameters/major-fine-org.yaml': base('parameters/major-fine-org.yaml').replace(
        'value: 100000',
        'value: "十万"',
      ),
    },
    expect: { code: 'param.type', file: 'parameters/major-fine-org.yaml', pointer: '/value' },
  },
  {
    name: 'an organisation’s parameter value of the wrong type',
    edits: {
      'base/parameters/major-fine-org.yaml': `${base('parameters/major-fine-org.yaml')}byOrganisation:\n  - { organisation: scj, effectiveFrom: 2024-01-01, value: "五千" }\n`,
    },
    expect: { code: 'param.type', file: 'parameters/major-fine-org.yaml', pointer: '/byOrganisation/0/value' },
  },
  {
    name: 'a parameter value ending before it begins',
    edits: {
      'base/parameters/major-fine-org.yaml': `${base('parameters/major-fine-org.yaml')}versions:\n  - { effectiveFrom: 2024-01-01, effectiveTo: 2023-12-31, value: 5000 }\n`,
    },
    expect: {
      code: 'param.dates-reversed',
      file: 'parameters/major-fine-org.yaml',
      pointer: '/versions/0/effectiveTo',
    },
  },
  {
    name: 'two values of one organisation in force on the same day',
    edits: {
      'base/parameters/major-fine-org.yaml': `${base('parameters/major-fine-org.yaml')}byOrganisation:\n  - { organisation: scj, effectiveFrom: 2024-01-01, value: 5000 }\n  - { organisation: gov, effectiveFrom: 2024-06-01, value: 8000 }\n  - { organisation: scj, effectiveFrom: 2025-01-01, value: 6000 }\n`,
    },
    expect: {
      code: 'param.versions-overlap',
      file: 'parameters/major-fine-org.yaml',
      pointer: '/byOrganisation/2/effectiveFrom',
    },
  },
  {
    name: 'a parameter value for a missing organisation',
    edits: {
      'base/parameters/major-fine-org.yaml': `${base('parameters/major-fine-org.yaml')}byOrganisation:\n  - { organisation: nowhere, effectiveFrom: 2024-01-01, value: 5000 }\n`,
    },
    expect: {
      code: 'ref.unresolved',
      file: 'parameters/major-fine-org.yaml',
      pointer: '/byOrganisation/0/organisation',
    },
  },
  {
    name: 'a parameter value for a sector not in the codelist',
    edits: {
      'base/parameters/major-fine-org.yaml': `${base('parameters/major-fine-org.yaml')}bySector:\n  - { sector: ecology, effectiveFrom: 2024-01-01, value: 200000 }\n`,
    },
    expect: { code: 'ref.codelist-entry', file: 'parameters/major-fine-org.yaml', pointer: '/bySector/0/sector' },
  },
  {
    name: 'a division code of no province',
    edits: { 'base/organisations/gov.yaml': `${base('organisations/gov.yaml')}divisionCode: '990100'\n` },
    expect: { code: 'org.division-province', file: 'organisations/gov.yaml', pointer: '/divisionCode' },
  },
  {
    name: 'a division code of the wrong length',
    edits: { 'base/organisations/gov.yaml': `${base('organisations/gov.yaml')}divisionCode: '1201160'\n` },
    expect: { code: 'schema.pattern', file: 'organisations/gov.yaml', pointer: '/divisionCode' },
  },
  {
    name: 'a location outside the division of the organisation above',
    edits: {
      'base/organisations/gov.yaml': `${base('organisations/gov.yaml')}divisionCode: '120116'\n`,
      'base/organisations/scj.yaml': `${base('organisations/scj.yaml')}location: '130102'\n`,
    },
    expect: { code: 'org.division-outside', file: 'organisations/scj.yaml', pointer: '/location' },
  },
  {
    name: 'a sector supervisor of another sector',
    edits: {
      'base/organisations/zone.yaml':
        'code: zone\nname: 某开发区市场监管局\ntype: department\nparent: gov\nsectors: [market-regulation]\nenforcementSubject: true\nsectorSupervisors: [scj]\n',
      'base/organisations/scj.yaml': base('organisations/scj.yaml').replace(
        'sectors: [market-regulation]',
        'sectors: [ecology-environment]',
      ),
      'base/codelists/sectors.yaml': `${base('codelists/sectors.yaml')}  - { code: ecology-environment, name: 生态环境 }\n`,
    },
    expect: { code: 'org.supervisor-sector', file: 'organisations/zone.yaml', pointer: '/sectorSupervisors/0' },
  },
  {
    name: 'a sector supervisor that is the organisation above',
    edits: { 'base/organisations/scj.yaml': `${base('organisations/scj.yaml')}sectorSupervisors: [gov]\n` },
    expect: { code: 'org.supervisor-self', file: 'organisations/scj.yaml', pointer: '/sectorSupervisors/0' },
  },
  {
    name: 'a golden case for a missing organisation',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'roles: [officer]\n',
        'roles: [officer]\n    org: nowhere\n',
      ),
    },
    expect: { code: 'ref.unresolved', file: 'tests/golden.yaml', pointer: '/cases/1/org' },
  },
  {
    name: 'a golden test naming a missing action',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace('allowed: [to-review]', 'allowed: [to-legal]'),
    },
    expect: { code: 'test.unknown-action', file: 'tests/golden.yaml', pointer: '/cases/1/expect/allowed/0' },
  },
  {
    name: 'a golden test naming a missing tier',
    edits: { 'base/tests/golden.yaml': base('tests/golden.yaml').replace('tier: heavy', 'tier: extreme') },
    expect: { code: 'test.unknown-tier', file: 'tests/golden.yaml', pointer: '/cases/0/expect/tier' },
  },
  {
    name: 'a golden test giving a misspelt fact',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        '{ proposedFine: 120000 }',
        '{ proposedFnie: 120000 }',
      ),
    },
    expect: { code: 'test.unknown-fact', file: 'tests/golden.yaml', pointer: '/cases/1/facts/proposedFnie' },
  },
  {
    name: 'a golden test expecting a misspelt fact to be undetermined',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'facts: { proposedFine: 120000 }',
        'facts: { proposedFine: 120000 }\n    expectUndetermined: [complx]',
      ),
    },
    expect: { code: 'test.unknown-fact', file: 'tests/golden.yaml', pointer: '/cases/1/expectUndetermined/0' },
  },
  {
    name: 'a refusal reason naming a condition that does not exist',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'allowed: [to-review]',
        'refused: [{ action: to-review, because: when, condition: needs-legal-reveiw }]',
      ),
    },
    expect: {
      code: 'test.unknown-condition',
      file: 'tests/golden.yaml',
      pointer: '/cases/1/expect/refused/0/condition',
    },
  },
  {
    name: 'a refusal reason the transition cannot give (to-review names no roles)',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'allowed: [to-review]',
        'refused: [{ action: to-review, because: role }]',
      ),
    },
    expect: { code: 'test.reason-impossible', file: 'tests/golden.yaml', pointer: '/cases/1/expect/refused/0/because' },
  },
  {
    name: "a refusal reason naming a condition the transition's guard does not use",
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'allowed: [to-review]',
        'refused: [{ action: decide, because: unless, condition: needs-legal-review }]',
      ),
    },
    expect: {
      code: 'test.reason-not-in-guard',
      file: 'tests/golden.yaml',
      pointer: '/cases/1/expect/refused/0/condition',
    },
  },
  {
    name: "a refusal reason naming a fact the transition's guard does not read",
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'allowed: [to-review]',
        'refused: [{ action: to-review, because: when, fact: goodsValue }]',
      ),
    },
    expect: { code: 'test.reason-not-in-guard', file: 'tests/golden.yaml', pointer: '/cases/1/expect/refused/0/fact' },
  },
  {
    name: 'a refusal reason naming an action the workflow does not have',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'allowed: [to-review]',
        'refused: [{ action: to-legal, because: when }]',
      ),
    },
    expect: { code: 'test.unknown-action', file: 'tests/golden.yaml', pointer: '/cases/1/expect/refused/0/action' },
  },
  {
    name: 'a refusal reason that is not a refusal code',
    edits: {
      'base/tests/golden.yaml': base('tests/golden.yaml').replace(
        'allowed: [to-review]',
        'refused: [{ action: to-review, because: needs-legal-review }]',
      ),
    },
    expect: { code: 'schema.enum', file: 'tests/golden.yaml', pointer: '/cases/1/expect/refused/0/because' },
  },
  {
    name: 'a benchmark version ending before it starts',
    edits: {
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml').replace(
        'effectiveFrom: 2022-10-08',
        'effectiveFrom: 2022-10-08\n    effectiveTo: 2021-01-01',
      ),
    },
    expect: { code: 'discretion.versions-order', file: 'discretion/DB-1.yaml', pointer: '/versions/0/effectiveTo' },
  },
  {
    name: 'a table without columns',
    edits: {
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml').replace(
        '  - { name: decidedAt,',
        '  - { name: goods, title: 物品, type: table }\n  - { name: decidedAt,',
      ),
    },
    expect: { code: 'document.columns-missing', file: 'documents/penalty-decision.yaml', pointer: '/fields/3' },
  },
  {
    name: 'a field pre-filled from an unknown fact',
    edits: {
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml').replace(
        'unit: 元 }',
        'unit: 元, source: "fact:fineAmount" }',
      ),
    },
    expect: { code: 'document.source-unknown', file: 'documents/penalty-decision.yaml', pointer: '/fields/2/source' },
  },
  {
    name: 'a codelist entry twice',
    edits: {
      'base/codelists/penalty-kinds.yaml': `${base('codelists/penalty-kinds.yaml')}  - { code: fine, name: 罚金 }\n`,
    },
    expect: { code: 'codelist.entry-duplicate', file: 'codelists/penalty-kinds.yaml', pointer: '/entries/2/code' },
  },
  {
    name: 'a holiday outside the calendar year',
    edits: { 'base/calendars/cn-2026.yaml': base('calendars/cn-2026.yaml').replace('2026-10-02', '2025-10-02') },
    expect: { code: 'calendar.wrong-year', file: 'calendars/cn-2026.yaml', pointer: '/holidays/1' },
  },
  // layering
  {
    name: 'adding what the base has',
    pack: 'region',
    edits: { 'region/matters/M-1.yaml': base('matters/M-1.yaml') },
    expect: { code: 'layer.add-exists', pack: 'xx-region', file: 'matters/M-1.yaml', pointer: '/code' },
  },
  {
    name: 'overriding what the base lacks',
    pack: 'region',
    edits: { 'region/overrides/matters/M-7.yaml': 'name: 不存在\n' },
    expect: { code: 'layer.override-missing', pack: 'xx-region', file: 'overrides/matters/M-7.yaml', pointer: '' },
  },
  {
    name: 'removing what the base lacks',
    pack: 'region',
    edits: {
      'region/pack.yaml': readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8').replace(
        'code: overdue',
        'code: late',
      ),
    },
    expect: { code: 'layer.remove-missing', pack: 'xx-region', file: 'pack.yaml', pointer: '/remove/0', line: 9 },
  },
  {
    name: 'a base of the wrong version',
    pack: 'region',
    edits: { 'region/pack.yaml': readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8').replace('^1.0.0', '^2.0.0') },
    expect: { code: 'layer.base-version', pack: 'xx-region', file: 'pack.yaml', pointer: '/extends' },
  },
  {
    name: 'a base that does not exist',
    pack: 'region',
    edits: {
      'region/pack.yaml': readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8').replace(
        'id: xx-base',
        'id: xx-nowhere',
      ),
    },
    expect: { code: 'layer.base-not-found', pack: 'xx-region', file: 'pack.yaml', pointer: '/extends' },
  },
  {
    name: 'an override that breaks the schema is blamed on the override',
    pack: 'region',
    edits: { 'region/overrides/parameters/major-fine-org.yaml': 'value: 50000\ncolour: red\n' },
    expect: {
      code: 'schema.additionalProperties',
      pack: 'xx-region',
      file: 'overrides/parameters/major-fine-org.yaml',
      pointer: '/colour',
      line: 2,
    },
  },
  {
    name: 'a region reference to an item it removed',
    pack: 'region',
    edits: {
      'region/matters/M-2.yaml': `${readFileSync(join(FIXTURES, 'region/matters/M-2.yaml'), 'utf8')}discretion: DB-1\n`,
      'region/pack.yaml': `${readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8')}  - { kind: discretion, code: DB-1, reason: 不适用 }\n`,
    },
    expect: { code: 'ref.removed', pack: 'xx-region', file: 'matters/M-2.yaml', pointer: '/discretion' },
  },
  // keyed overlays (metamodel 2)
  {
    name: 'a keyed removal that matches nothing',
    pack: 'region',
    edits: {
      'region/pack.yaml': regionV2(),
      'region/overrides/documents/penalty-decision.yaml': 'fields:\n  - { name: seal, $remove: true }\n',
    },
    expect: {
      code: 'layer.element-missing',
      pack: 'xx-region',
      file: 'overrides/documents/penalty-decision.yaml',
      pointer: '/fields/0',
      line: 2,
    },
  },
  {
    name: 'a key named twice in one override',
    pack: 'region',
    edits: {
      'region/pack.yaml': regionV2(),
      'region/overrides/documents/penalty-decision.yaml':
        'fields:\n  - { name: fine, title: 罚款 }\n  - { name: fine, unit: 万元 }\n',
    },
    expect: {
      code: 'layer.element-duplicate',
      pack: 'xx-region',
      file: 'overrides/documents/penalty-decision.yaml',
      pointer: '/fields/1',
      line: 3,
    },
  },
  {
    name: 'a position after an element that does not exist',
    pack: 'region',
    edits: {
      'region/pack.yaml': regionV2(),
      'region/overrides/documents/penalty-decision.yaml':
        'fields:\n  - { name: court, title: 法院, type: string, $after: nowhere }\n',
    },
    expect: {
      code: 'layer.element-position-missing',
      pack: 'xx-region',
      file: 'overrides/documents/penalty-decision.yaml',
      pointer: '/fields/0/$after',
      line: 2,
    },
  },
  {
    name: 'a transition without its from',
    pack: 'region',
    edits: {
      'region/pack.yaml': regionV2(),
      'region/overrides/workflows/penalty.yaml': 'transitions:\n  - { action: decide, reasonRequired: true }\n',
    },
    expect: {
      code: 'layer.element-key-missing',
      pack: 'xx-region',
      file: 'overrides/workflows/penalty.yaml',
      pointer: '/transitions/0',
      line: 2,
    },
  },
  {
    name: 'a removed tier that still carries fields',
    pack: 'region',
    edits: {
      'region/pack.yaml': regionV2(),
      'region/overrides/discretion/DB-1.yaml':
        'versions:\n  - effectiveFrom: 2022-10-08\n    tiers:\n      - { code: heavy, $remove: true, name: 从重 }\n',
    },
    expect: {
      code: 'layer.element-remove-extra',
      pack: 'xx-region',
      file: 'overrides/discretion/DB-1.yaml',
      pointer: '/versions/0/tiers/0',
      line: 4,
    },
  },
  {
    name: 'a directive that is not true',
    pack: 'region',
    edits: {
      'region/pack.yaml': regionV2(),
      'region/overrides/documents/penalty-decision.yaml': 'fields:\n  - { name: fine, $remove: yes }\n',
    },
    expect: {
      code: 'schema.const',
      pack: 'xx-region',
      file: 'overrides/documents/penalty-decision.yaml',
      pointer: '/fields/0/$remove',
      line: 2,
    },
  },
  {
    name: 'keyed directives in a metamodel-1 pack',
    pack: 'region',
    edits: { 'region/overrides/documents/penalty-decision.yaml': 'fields:\n  - { name: fine, $remove: true }\n' },
    expect: {
      code: 'layer.keyed-needs-v2',
      pack: 'xx-region',
      file: 'overrides/documents/penalty-decision.yaml',
      pointer: '/fields/0/$remove',
      line: 2,
    },
  },
  {
    name: 'a base that is not the one pinned',
    pack: 'region',
    edits: {
      'region/pack.yaml': readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8').replace(
        'extends: { id: xx-base, version: ^1.0.0 }',
        `extends:\n  id: xx-base\n  version: ^1.0.0\n  pinned: { version: 1.2.0, hash: "sha256:${'0'.repeat(64)}" }`,
      ),
    },
    expect: {
      code: 'layer.base-pin',
      pack: 'xx-region',
      file: 'pack.yaml',
      pointer: '/extends/pinned',
      line: 8,
      severity: 'warning',
    },
  },
  {
    name: 'a keyed element that breaks the schema is blamed on the override, at its own line',
    pack: 'region',
    edits: {
      'region/pack.yaml': regionV2(),
      'region/overrides/documents/penalty-decision.yaml':
        'fields:\n  - { name: partyName, title: 当事人 }\n  - { name: fine, type: money }\n',
    },
    expect: {
      code: 'schema.enum',
      pack: 'xx-region',
      file: 'overrides/documents/penalty-decision.yaml',
      pointer: '/fields/2/type',
      line: 3,
    },
  },
  // an organisation's own numbering
  {
    name: "an organisation's numbering for a form the pack does not number",
    edits: {
      'base/organisations/scj.yaml': `${base('organisations/scj.yaml')}numbering:\n  no-such-form: "{orgPrefix}罚〔{year}〕{seq}号"\n`,
    },
    expect: {
      code: 'org.numbering-unknown-form',
      file: 'organisations/scj.yaml',
      pointer: '/numbering/no-such-form',
      line: 9,
    },
  },
  {
    name: "an organisation's numbering pattern with an unknown token",
    edits: {
      'base/organisations/scj.yaml': `${base('organisations/scj.yaml')}numbering:\n  penalty-decision: "{orgPrefix}行罚决字〔{yr}〕{seq}号"\n`,
    },
    expect: {
      code: 'document.unknown-token',
      file: 'organisations/scj.yaml',
      pointer: '/numbering/penalty-decision',
      line: 9,
    },
  },
  {
    name: "an organisation's numbering pattern without a sequence",
    edits: {
      'base/organisations/scj.yaml': `${base('organisations/scj.yaml')}numbering:\n  "*": "{orgPrefix}罚〔{year}〕号"\n`,
    },
    expect: { code: 'document.numbering-needs-seq', file: 'organisations/scj.yaml', pointer: '/numbering/*', line: 9 },
  },
  // legal bases known only in part
  {
    name: 'a legal basis without its article and text is a warning listing them',
    edits: {
      'base/legal-bases/SPAQF-122-1.yaml':
        'code: SPAQF-122-1\nlaw: 中华人民共和国食品安全法\nlevel: 法律\nversions:\n  - effectiveFrom: 2021-04-29\n',
    },
    expect: { code: 'legal-basis.incomplete', file: 'legal-bases/SPAQF-122-1.yaml', pointer: '', severity: 'warning' },
  },
  {
    name: 'a legal basis version with neither date nor text',
    edits: {
      'base/legal-bases/SPAQF-122-1.yaml':
        'code: SPAQF-122-1\nlaw: 中华人民共和国食品安全法\nlevel: 法律\nversions:\n  - {}\n',
    },
    expect: { code: 'schema.minProperties', file: 'legal-bases/SPAQF-122-1.yaml', pointer: '/versions/0' },
  },
  // English labels of choices
  {
    name: 'English options not one per option',
    edits: {
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml').replace(
        'options: [警告, 罚款] }',
        'options: [警告, 罚款], optionsEn: [Warning] }',
      ),
    },
    expect: {
      code: 'document.options-en-length',
      file: 'documents/penalty-decision.yaml',
      pointer: '/fields/1/optionsEn',
      line: 6,
    },
  },
  {
    name: "a fact's English values not one per value",
    edits: {
      'base/matters/M-1.yaml': base('matters/M-1.yaml').replace(
        '  - { name: firstViolation, label: 初次违法, type: boolean }\n',
        '  - { name: firstViolation, label: 初次违法, type: boolean }\n  - { name: severity, label: 情节, type: string, enum: [一般, 严重], enumEn: [Ordinary, Serious, Other] }\n',
      ),
    },
    expect: { code: 'matter.fact-enum-en-length', file: 'matters/M-1.yaml', pointer: '/facts/2/enumEn', line: 12 },
  },
  // English names
  {
    name: 'a pack that requires English names lists each one an item lacks',
    edits: { 'base/pack.yaml': `${base('pack.yaml')}require: { englishNames: true }\n` },
    expect: { code: 'names.english-missing', file: 'matters/M-1.yaml', pointer: '', line: 1 },
  },
  {
    name: 'a tier without its English name, when English names are required',
    edits: {
      'base/pack.yaml': `${base('pack.yaml')}require: { englishNames: true }\n`,
      'base/discretion/DB-1.yaml': base('discretion/DB-1.yaml')
        .replace(
          'name: 未取得许可从事食品经营裁量基准',
          'name: 未取得许可从事食品经营裁量基准\nnameEn: Benchmark for food business without a licence',
        )
        .replace('name: 首违不罚,', 'name: 首违不罚, nameEn: First violation not penalised,'),
    },
    expect: { code: 'names.english-missing', file: 'discretion/DB-1.yaml', pointer: '/versions/0/tiers/0', line: 11 },
  },
  {
    name: "a choice field's options without English labels, when English names are required",
    edits: {
      'base/pack.yaml': `${base('pack.yaml')}require: { englishNames: true }\n`,
      // Every name of the form in English: the options alone lack theirs.
      'base/documents/penalty-decision.yaml': base('documents/penalty-decision.yaml')
        .replace('name: 行政处罚决定书\n', 'name: 行政处罚决定书\nnameEn: Penalty decision\n')
        .replace(/title: ([^,}\n]+),/g, 'title: $1, titleEn: En,'),
    },
    expect: { code: 'names.english-missing', file: 'documents/penalty-decision.yaml', pointer: '/fields/1', line: 7 },
  },
  {
    name: 'a deadline without its English name, when English names are required',
    edits: {
      'base/pack.yaml': `${base('pack.yaml')}require: { englishNames: true }\n`,
      // Every other name of the workflow in English: the deadline alone lacks one.
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml')
        .replace('name: 普通程序', 'name: 普通程序\nnameEn: Ordinary procedure')
        .split('\n')
        .map((l) =>
          l.includes('{ code: decide-90') ? l : l.replace(/name: ([^,}\n]+)([,}])/, 'name: $1, nameEn: En$2'),
        )
        .join('\n'),
    },
    expect: { code: 'names.english-missing', file: 'workflows/penalty.yaml', pointer: '/deadlines/0', line: 17 },
  },
  {
    name: "a transition's refusal without its English text, when English names are required",
    edits: {
      'base/pack.yaml': `${base('pack.yaml')}require: { englishNames: true }\n`,
      // Every name of the workflow in English; the refusal of 提交法制审核 alone has no English text.
      'base/workflows/penalty.yaml': base('workflows/penalty.yaml')
        .replace('name: 普通程序', 'name: 普通程序\nnameEn: Ordinary procedure')
        .replace(/name: ([^,}\n]+)([,}])/g, 'name: $1, nameEn: En$2')
        .replace(
          'when: { condition: needs-legal-review } }',
          'when: { condition: needs-legal-review }, refusal: 本案不属于应当法制审核的情形 }',
        ),
    },
    expect: { code: 'names.english-missing', file: 'workflows/penalty.yaml', pointer: '/transitions/1', line: 13 },
  },
  {
    name: 'a labelled condition without its English label, when English names are required',
    edits: {
      'base/pack.yaml': `${base('pack.yaml')}require: { englishNames: true }\n`,
      // The named condition has its English name: the label of one of its tests alone lacks its English twin.
      'base/conditions/needs-legal-review.yaml': base('conditions/needs-legal-review.yaml')
        .replace('name: 需要法制审核\n', 'name: 需要法制审核\nnameEn: Legal review required\n')
        .replace('value: true }', 'value: true, label: 情节复杂 }'),
    },
    expect: {
      code: 'names.english-missing',
      file: 'conditions/needs-legal-review.yaml',
      pointer: '/when/any/0',
      line: 6,
    },
  },
];

describe('validatePackDir', () => {
  it('accepts the good fixtures', () => {
    for (const pack of ['base', 'region']) {
      const report = validatePackDir(join(FIXTURES, pack));
      expect(report.issues).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it.each(BAD)('rejects $name', ({ edits, pack = 'base', expect: want, build, limits }) => {
    const dir = fixtureWith(edits);
    build?.(dir);
    const report = validatePackDir(join(dir, pack), limits ? { limits } : {});
    expect(report.ok).toBe(want.severity === 'warning');
    const hit = report.issues.find((i) => i.code === want.code && i.file === want.file && i.pointer === want.pointer);
    expect(
      hit,
      JSON.stringify(
        report.issues.map((i) => [i.code, i.file, i.pointer]),
        null,
        1,
      ),
    ).toBeDefined();
    expect(hit?.pack).toBe(want.pack ?? 'xx-base');
    expect(hit?.severity).toBe(want.severity ?? 'error');
    if (want.line !== undefined) expect(hit?.line).toBe(want.line);
    expect(hit?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(hit?.message.en).toMatch(/[a-z]/);
  });

  it('asks for labelEn beside every condition label (tests and groups, in guards too), and no more once given', () => {
    const requireEnglish = `${base('pack.yaml')}require: { englishNames: true }\n`;
    const condition = base('conditions/needs-legal-review.yaml')
      .replace('name: 需要法制审核\n', 'name: 需要法制审核\nnameEn: Legal review required\n')
      .replace('  any:\n', '  label: 须经法制审核的情形\n  any:\n')
      .replace('value: true }', 'value: true, label: 情节复杂, labelEn: The circumstances are complex }');
    const workflow = base('workflows/penalty.yaml').replace(
      'unless: { fact: goodsValue, operator: lessThan, value: 0 }',
      'unless: { not: { fact: goodsValue, operator: exists, value: true }, label: 未填写货值 }',
    );
    const labelIssues = (dir: string) =>
      validatePackDir(join(dir, 'base')).issues.filter(
        (i) =>
          i.code === 'names.english-missing' &&
          /^(conditions|workflows)\//.test(i.file) &&
          /labelEn/.test(String(i.params.missing)),
      );
    const missing = labelIssues(
      fixtureWith({
        'base/pack.yaml': requireEnglish,
        'base/conditions/needs-legal-review.yaml': condition,
        'base/workflows/penalty.yaml': workflow,
      }),
    );
    // One issue per item, naming each label without its English twin by its pointer; the labelled test is fine.
    expect(missing.map((i) => [i.file, i.pointer, i.params.missing])).toEqual([
      ['conditions/needs-legal-review.yaml', '/when', '须经法制审核的情形 (/when/labelEn)'],
      ['workflows/penalty.yaml', '', expect.stringContaining('未填写货值 (/transitions/2/unless/labelEn)')],
    ]);
    expect(missing[0]?.message.en).toContain('须经法制审核的情形 (/when/labelEn)');
    const given = labelIssues(
      fixtureWith({
        'base/pack.yaml': requireEnglish,
        'base/conditions/needs-legal-review.yaml': condition.replace(
          '  label: 须经法制审核的情形\n',
          '  label: 须经法制审核的情形\n  labelEn: Cases that require legal review\n',
        ),
        'base/workflows/penalty.yaml': workflow.replace(
          'label: 未填写货值 }',
          'label: 未填写货值, labelEn: No goods value entered }',
        ),
      }),
    );
    expect(given).toEqual([]);
    // A pack that does not require English names is not asked for them.
    const optional = fixtureWith({
      'base/conditions/needs-legal-review.yaml': condition,
      'base/workflows/penalty.yaml': workflow,
    });
    expect(labelIssues(optional)).toEqual([]);
  });

  it('reports a malformed removal once, at the manifest', () => {
    const dir = fixtureWith({
      'region/pack.yaml': readFileSync(join(FIXTURES, 'region/pack.yaml'), 'utf8').replace(
        'kind: alert',
        'kind: alarm',
      ),
    });
    const issues = validatePackDir(join(dir, 'region')).issues.map((i) => `${i.code} ${i.file}${i.pointer}`);
    expect(issues).toEqual(['schema.enum pack.yaml/remove/0/kind']);
  });

  it('reports every problem, not only the first', () => {
    const dir = fixtureWith({
      'base/matters/M-1.yaml': base('matters/M-1.yaml')
        .replace('workflow: penalty', 'workflow: nope')
        .replace('discretion: DB-1', 'discretion: DB-9'),
      'base/roles/officer.yaml': `${base('roles/officer.yaml')}colour: red\n`,
    });
    const codes = validatePackDir(join(dir, 'base')).issues.map((i) => `${i.code} ${i.file}${i.pointer}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'ref.unresolved matters/M-1.yaml/workflow',
        'ref.unresolved matters/M-1.yaml/discretion',
        'schema.additionalProperties roles/officer.yaml/colour',
      ]),
    );
  });

  it('records which layer set each item and field', () => {
    const { pack } = validatePackDir(join(FIXTURES, 'region'));
    expect(pack.layers.map((l) => l.id)).toEqual(['xx-base', 'xx-region']);
    expect(pack.items.parameter.get('major-fine-org')?.value).toBe(50000);
    expect(pack.origins.parameter.get('major-fine-org')).toEqual({
      pack: 'xx-base',
      overrides: [{ pack: 'xx-region', pointers: ['/value', '/notes'] }],
    });
    expect(pack.items.document.get('penalty-decision')?.numbering?.pattern).toBe(
      '{orgPrefix}罚字〔{year}〕第{seq:5}号',
    );
    expect(pack.items.document.get('penalty-decision')?.print.title).toBe('行政处罚决定书');
    expect(pack.origins.matter.get('M-2')?.pack).toBe('xx-region');
    expect(pack.items.alert.has('overdue')).toBe(false);
    expect(pack.removed).toEqual([{ kind: 'alert', code: 'overdue', pack: 'xx-region', reason: '本地另行规定' }]);
  });
});
