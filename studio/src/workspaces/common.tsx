/** What the working copy's pages share: how to move between them, kind names, an item's origin. */
import { ITEM_KINDS } from '@yifa/metamodel';
import { Tag } from 'antd';
import type { Origin } from '../api.ts';
import type { Lang } from '../messages.ts';
import type { T } from '../use-load.ts';

export type WorkspaceTab = 'items' | 'manifest' | 'validate' | 'diff' | 'tests' | 'excel' | 'publish';

/** Moves within a working copy: to a tab (the items of a kind), to an item (at a field), or to a new item. */
export interface WorkspaceNav {
  tab: (tab: WorkspaceTab, kind?: string) => void;
  item: (kind: string, code: string, pointer?: string) => void;
  /** A new item of a kind, not saved yet: empty but for its code, or a copy of the item `from` of that kind. */
  create: (kind: string, code: string, from?: string) => void;
}

/** A kind by its name in the reader's language (代码表 / Codelist). */
export const kindLabel = (kind: string, lang: Lang) => {
  const k = ITEM_KINDS.find((x) => x.kind === kind);
  return k ? (lang === 'zh' ? k.label : k.labelEn) : kind;
};

/** Where an item of the working copy comes from: the base, added here, or the base overridden here. */
export function OriginTag({ origin, t }: { origin: Origin; t: T }) {
  const color = origin === 'added' ? 'green' : origin === 'overridden' ? 'orange' : undefined;
  return (
    <Tag color={color} data-origin={origin}>
      {t(`origin.${origin}`)}
    </Tag>
  );
}
