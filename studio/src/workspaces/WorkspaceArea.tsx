/**
 * The working copies' pages as one chunk, loaded when the implementer first goes to 工作副本 —
 * they bring the metamodel's kinds and the editor's entry, which the explore pages do not need,
 * so the studio's first load stays within its budget.
 */
import type { Lang } from '../messages.ts';
import type { T } from '../use-load.ts';
import type { WorkspaceNav, WorkspaceTab } from './common.tsx';
import { WorkspaceItemPage } from './WorkspaceItemPage.tsx';
import { WorkspacePage } from './WorkspacePage.tsx';
import { WorkspacesPage } from './WorkspacesPage.tsx';

/** Where in the working copies the studio is. */
export type WorkspacePlace =
  | { page: 'workspaces'; base?: string }
  | { page: 'workspace'; id: string; tab: WorkspaceTab; kind?: string }
  | { page: 'ws-item'; id: string; kind: string; code: string; pointer?: string; isNew?: boolean; from?: string };

export default function WorkspaceArea(props: {
  t: T;
  lang: Lang;
  place: WorkspacePlace;
  go: (p: WorkspacePlace) => void;
}) {
  const { t, lang, place, go } = props;
  if (place.page === 'workspaces') {
    return (
      <WorkspacesPage
        t={t}
        lang={lang}
        {...(place.base ? { base: place.base } : {})}
        open={(id) => go({ page: 'workspace', id, tab: 'items' })}
      />
    );
  }
  const nav: WorkspaceNav = {
    tab: (tab, kind) => go({ page: 'workspace', id: place.id, tab, ...(kind ? { kind } : {}) }),
    item: (kind, code, pointer) => go({ page: 'ws-item', id: place.id, kind, code, ...(pointer ? { pointer } : {}) }),
    create: (kind, code, from) =>
      go({ page: 'ws-item', id: place.id, kind, code, isNew: true, ...(from ? { from } : {}) }),
  };
  if (place.page === 'workspace') {
    return (
      <WorkspacePage
        t={t}
        lang={lang}
        id={place.id}
        tab={place.tab}
        {...(place.kind ? { kind: place.kind } : {})}
        nav={nav}
      />
    );
  }
  return (
    <WorkspaceItemPage
      key={`${place.id}/${place.kind}/${place.code}`}
      t={t}
      lang={lang}
      id={place.id}
      kind={place.kind}
      code={place.code}
      {...(place.pointer ? { pointer: place.pointer } : {})}
      isNew={place.isNew === true}
      {...(place.from ? { from: place.from } : {})}
      onCreated={() => nav.item(place.kind, place.code)}
      back={() => nav.tab('items', place.kind)}
      nav={nav}
    />
  );
}
