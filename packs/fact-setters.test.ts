/**
 * A fact a document sets when it is issued (`sets`) is refused when typed by hand, on every case of
 * the pack: the platform looks the setters up across all the pack's documents, not only those of
 * the case's matter. So a matter may declare a fact some document sets only if it uses one of those
 * documents — otherwise its cases could neither type the fact nor have it set. (Two legal-affairs
 * matters once shared `submittedAt` and `reviewConclusion` with a form of another matter, and their
 * cases could not be opened with them.)
 */
import { validatePackDir } from '@yifa/metamodel';
import { describe, expect, it } from 'vitest';
import { packFolders } from './index.ts';

describe.each(packFolders())('$id: facts set by documents', ({ dir }) => {
  const { pack } = validatePackDir(dir);

  it('are declared only by matters that use a document setting them', () => {
    const setters = new Map<string, string[]>();
    for (const doc of pack.items.document.values())
      for (const s of doc.sets ?? []) setters.set(s.fact, [...(setters.get(s.fact) ?? []), doc.code]);
    const clashes = [...pack.items.matter.values()].flatMap((m) =>
      (m.facts ?? []).flatMap((f) => {
        const forms = setters.get(f.name);
        return forms && !forms.some((d) => m.documents.includes(d))
          ? [`${m.code}.${f.name} ← ${forms.join(', ')}`]
          : [];
      }),
    );
    expect(clashes).toEqual([]);
  });
});
