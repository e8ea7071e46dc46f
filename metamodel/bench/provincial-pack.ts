/**
 * Generates a provincial-size pack in memory: 20,000 authority items and 5,000 matters
 * with the legal bases, workflows, documents and benchmarks they refer to, shaped like
 * real content (codes, responsibilities, facts, conditions), for the validation benchmark.
 */
import type { PackSource, SourceItem } from '../src/index.ts';
import { type ItemKind, kindInfo } from '../src/index.ts';

const SECTORS = ['market-regulation', 'ecology-environment', 'urban-management', 'emergency-management', 'fire-rescue'];
const STAGES = ['立案', '调查', '审核', '告知', '决定', '送达', '执行'];

/** A pack source with the given numbers of authority items and matters. */
export function provincialPack(authorityItems = 20_000, matters = 5_000): PackSource {
  const items: SourceItem[] = [];
  const add = (kind: ItemKind, data: Record<string, unknown>) =>
    items.push({
      kind,
      code: String(data.code),
      file: `${kindInfo(kind).folder}/${String(data.code)}.yaml`,
      data,
      override: false,
    });

  add('codelist', {
    code: 'power-types',
    name: '职权类别',
    entries: [
      { code: 'CF', name: '行政处罚' },
      { code: 'JC', name: '行政检查' },
    ],
  });
  add('codelist', { code: 'sectors', name: '行业', entries: SECTORS.map((code) => ({ code, name: code })) });
  add('codelist', { code: 'org-types', name: '组织类型', entries: [{ code: 'department', name: '政府工作部门' }] });
  add('codelist', {
    code: 'penalty-kinds',
    name: '处罚种类',
    entries: [
      { code: 'warning', name: '警告' },
      { code: 'fine', name: '罚款' },
    ],
  });
  add('parameter', { code: 'major-fine-org', name: '重大罚款数额', type: 'number', value: 100000 });
  add('role', { code: 'officer', name: '执法人员', scope: 'own', permissions: ['case.read', 'case.transition'] });
  add('role', {
    code: 'department-head',
    name: '部门负责人',
    scope: 'subject',
    permissions: ['case.read', 'case.transition'],
  });
  add('condition', {
    code: 'needs-legal-review',
    name: '需要法制审核',
    when: {
      any: [
        { fact: 'complex', operator: 'equal', value: true },
        { fact: 'proposedFine', operator: 'greaterThanInclusive', value: { param: 'major-fine-org' } },
      ],
    },
  });
  const bases = 2_000;
  for (let i = 0; i < bases; i++) {
    add('legal-basis', {
      code: `LB-${i}`,
      law: `某某管理条例${Math.floor(i / 40)}`,
      level: '地方性法规',
      article: `第${(i % 40) + 1}条`,
      versions: [
        {
          effectiveFrom: '2015-01-01',
          effectiveTo: '2020-12-31',
          text: '违反本条例规定的，由主管部门责令改正，处一万元以上五万元以下罚款。',
        },
        { effectiveFrom: '2021-01-01', text: '违反本条例规定的，由主管部门责令改正，处二万元以上十万元以下罚款。' },
      ],
    });
  }
  add('document', {
    code: 'penalty-decision',
    name: '行政处罚决定书',
    issued: true,
    fields: [
      { name: 'partyName', title: '当事人', type: 'string', required: true },
      { name: 'fine', title: '罚款金额', type: 'number', minimum: 0 },
    ],
    numbering: { pattern: '{orgPrefix}罚〔{year}〕{seq:4}号' },
    print: {
      paper: 'A4',
      title: '行政处罚决定书',
      blocks: [{ kind: 'number' }, { kind: 'text', text: '当事人：{partyName}' }],
    },
  });
  add('workflow', {
    code: 'penalty',
    name: '普通程序',
    start: 'filing',
    states: [
      { code: 'filing', name: '立案审批' },
      { code: 'investigation', name: '调查取证' },
      { code: 'review', name: '法制审核', kind: 'legal-review' },
      { code: 'decision', name: '决定', kind: 'decision', documents: ['penalty-decision'] },
      { code: 'closed', name: '结案', terminal: true },
    ],
    transitions: [
      { action: 'approve', name: '批准立案', from: 'filing', to: 'investigation', roles: ['department-head'] },
      {
        action: 'to-review',
        name: '提交法制审核',
        from: 'investigation',
        to: 'review',
        when: { condition: 'needs-legal-review' },
      },
      { action: 'decide', name: '作出决定', from: ['investigation', 'review'], to: 'decision' },
      { action: 'close', name: '结案', from: 'decision', to: 'closed', documents: ['penalty-decision'] },
    ],
    deadlines: [
      {
        code: 'decide-90',
        name: '作出决定',
        start: 'investigation',
        stop: ['decision', 'closed'],
        days: 90,
        kind: 'calendar',
      },
    ],
  });
  for (let i = 0; i < authorityItems; i++) {
    add('authority-item', {
      code: `370000-${SECTORS[i % SECTORS.length]?.slice(0, 3).toUpperCase()}-CF-${String(i).padStart(5, '0')}`,
      name: `对违反某某管理条例第${(i % 40) + 1}条规定行为的处罚（${i}）`,
      powerType: i % 10 === 0 ? 'JC' : 'CF',
      sectors: [SECTORS[i % SECTORS.length]],
      subjectTypes: ['department'],
      basis: { setting: [`LB-${i % bases}`], implementing: [`LB-${(i + 1) % bases}`] },
      responsibilities: STAGES.map((stage) => ({ stage, text: `${stage}责任：依法履行${stage}环节职责。` })),
      accountability: [{ text: '因不履行或不正确履行职责的，依法追究责任', basis: [`LB-${(i + 2) % bases}`] }],
      timeLimit: { days: 90, kind: 'calendar', from: '立案' },
    });
  }
  const authorityCodes = items.filter((x) => x.kind === 'authority-item').map((x) => x.code);
  for (let i = 0; i < matters; i++) {
    const discretion = i % 10 === 0 ? `DB-${i}` : undefined;
    if (discretion) {
      add('discretion', {
        code: discretion,
        name: `裁量基准${i}`,
        basis: [`LB-${i % bases}`],
        versions: [
          {
            effectiveFrom: '2021-01-01',
            legalRange: { min: 20000, max: 100000 },
            noPenalty: [
              {
                code: 'first',
                name: '首违不罚',
                reason: '初次违法且危害后果轻微并及时改正',
                when: {
                  all: [
                    { fact: 'firstViolation', operator: 'equal', value: true },
                    { fact: 'correctedPromptly', operator: 'equal', value: true },
                  ],
                },
              },
            ],
            tiers: [
              {
                code: 'heavy',
                name: '从重',
                when: { fact: 'goodsValue', operator: 'greaterThan', value: 50000 },
                fine: { min: 76000, max: 100000 },
              },
              {
                code: 'light',
                name: '从轻',
                when: { fact: 'correctedPromptly', operator: 'equal', value: true },
                fine: { min: 20000, max: 44000 },
              },
              { code: 'normal', name: '一般', fine: { min: 44000, max: 76000 } },
            ],
          },
        ],
      });
    }
    add('matter', {
      code: `M-${String(i).padStart(5, '0')}`,
      name: `事项${i}`,
      category: 'enforcement',
      authorityItem: authorityCodes[(i * 4) % authorityCodes.length],
      workflow: 'penalty',
      documents: ['penalty-decision'],
      ...(discretion ? { discretion } : {}),
      penaltyKinds: ['warning', 'fine'],
      violatedBasis: [`LB-${i % bases}`],
      facts: [
        { name: 'goodsValue', label: '货值金额', type: 'number', unit: '元' },
        { name: 'firstViolation', label: '初次违法', type: 'boolean' },
        { name: 'correctedPromptly', label: '及时改正', type: 'boolean' },
      ],
      disclosure: { within: { days: 7, kind: 'working' }, from: 'decision', fields: ['行政处罚决定书文号', '当事人'] },
    });
  }
  const manifest = {
    id: 'sd-province',
    name: '某省配置包',
    version: '1.0.0',
    region: { code: '370000', name: '某省', level: 'province' },
    locale: 'zh-CN',
    metamodel: '1',
  };
  return { manifest, items, issues: [], lines: new Map() };
}
