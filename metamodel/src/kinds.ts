import type { ItemKind } from './generated/types.ts';

/**
 * The kinds of pack item: the folder each lives in and the schema that defines it.
 * This table is the one place that names them; loading, validation, layering,
 * type generation and the docs all read it.
 */
export const ITEM_KINDS = [
  { kind: 'codelist', folder: 'codelists', schema: 'codelist.schema.json', label: '代码表', labelEn: 'Codelist' },
  { kind: 'parameter', folder: 'parameters', schema: 'parameter.schema.json', label: '参数', labelEn: 'Parameter' },
  {
    kind: 'calendar',
    folder: 'calendars',
    schema: 'calendar.schema.json',
    label: '节假日历',
    labelEn: 'Holiday calendar',
  },
  {
    kind: 'legal-basis',
    folder: 'legal-bases',
    schema: 'legal-basis.schema.json',
    label: '执法依据',
    labelEn: 'Legal basis',
  },
  {
    kind: 'authority-item',
    folder: 'authority-items',
    schema: 'authority-item.schema.json',
    label: '权责清单事项',
    labelEn: 'Authority item',
  },
  {
    kind: 'organisation',
    folder: 'organisations',
    schema: 'organisation.schema.json',
    label: '组织机构',
    labelEn: 'Organisation',
  },
  { kind: 'role', folder: 'roles', schema: 'role.schema.json', label: '角色', labelEn: 'Role' },
  {
    kind: 'condition',
    folder: 'conditions',
    schema: 'condition-item.schema.json',
    label: '命名条件',
    labelEn: 'Named condition',
  },
  {
    kind: 'document',
    folder: 'documents',
    schema: 'document.schema.json',
    label: '执法文书',
    labelEn: 'Document form',
  },
  { kind: 'workflow', folder: 'workflows', schema: 'workflow.schema.json', label: '流程', labelEn: 'Workflow' },
  {
    kind: 'discretion',
    folder: 'discretion',
    schema: 'discretion.schema.json',
    label: '裁量基准',
    labelEn: 'Discretion benchmark',
  },
  { kind: 'matter', folder: 'matters', schema: 'matter.schema.json', label: '执法事项', labelEn: 'Matter' },
  { kind: 'alert', folder: 'alerts', schema: 'alert.schema.json', label: '预警规则', labelEn: 'Alert rule' },
  {
    kind: 'assessment',
    folder: 'assessments',
    schema: 'assessment.schema.json',
    label: '考核方案',
    labelEn: 'Assessment scheme',
  },
  {
    kind: 'report-format',
    folder: 'report-formats',
    schema: 'report-format.schema.json',
    label: '数据报送格式',
    labelEn: 'Reporting format',
  },
  {
    kind: 'risk-scheme',
    folder: 'risk-schemes',
    schema: 'risk-scheme.schema.json',
    label: '风险分类方案',
    labelEn: 'Risk classification scheme',
  },
  {
    kind: 'review-checklist',
    folder: 'review-checklists',
    schema: 'review-checklist.schema.json',
    label: '案卷评查标准',
    labelEn: 'Case-file review checklist',
  },
  { kind: 'test', folder: 'tests', schema: 'test.schema.json', label: '黄金测试', labelEn: 'Golden tests' },
] as const satisfies readonly { kind: ItemKind; folder: string; schema: string; label: string; labelEn: string }[];

/** A kind of pack item, e.g. `matter` (the manifest schema's enum is the one definition). */
export type { ItemKind };

// The table must list every kind of the schema's enum, no more and no fewer.
type Listed = (typeof ITEM_KINDS)[number]['kind'];
const everyKindListed: [ItemKind] extends [Listed] ? true : never = true;
void everyKindListed;

/** Schema files that define no item kind but are referenced by them. */
export const SHARED_SCHEMAS = ['common.schema.json', 'expression.schema.json', 'condition.schema.json'] as const;

/** The manifest's schema. */
export const MANIFEST_SCHEMA = 'pack-manifest.schema.json';

/** The manifest file at the root of a pack folder. */
export const MANIFEST_FILE = 'pack.yaml';

/** Folder of a pack that holds partial items overriding the base (one sub-folder per kind). */
export const OVERRIDES_FOLDER = 'overrides';

const byKind = new Map<string, (typeof ITEM_KINDS)[number]>(ITEM_KINDS.map((k) => [k.kind, k]));
const byFolder = new Map<string, (typeof ITEM_KINDS)[number]>(ITEM_KINDS.map((k) => [k.folder, k]));

/** The kind stored in a folder, if any. */
export function kindOfFolder(folder: string): ItemKind | undefined {
  return byFolder.get(folder)?.kind;
}

/** The description of a kind. */
export function kindInfo(kind: ItemKind): (typeof ITEM_KINDS)[number] {
  const info = byKind.get(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  return info;
}
