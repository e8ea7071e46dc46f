/**
 * Validation as you type (#14): while an item is edited, the working copy is validated with the
 * unsaved item (`POST …/validate-draft`), 300 ms after the last change. An answer that arrives
 * after a newer edit was sent is dropped, so the issues shown are always those of the latest value.
 */
import { useEffect, useRef, useState } from 'react';
import type { Bilingual, WorkspaceIssue } from '../api.ts';
import { benchApi } from '../bench/bench-api.ts';
import type { FieldError } from '../editor/SchemaForm.tsx';
import { asApiError } from '../use-load.ts';

/** The pause after the last keystroke before the copy is validated again. */
export const LIVE_DELAY_MS = 300;

export interface LiveValidation {
  state: 'idle' | 'checking' | 'done' | 'failed';
  issues: WorkspaceIssue[];
  /** The edited item's issues, at their fields. */
  fieldErrors: FieldError[];
  ms?: number;
  error?: Bilingual;
}

const IDLE: LiveValidation = { state: 'idle', issues: [], fieldErrors: [] };

/** Validates the copy with `value` as the item, `LIVE_DELAY_MS` after each change while `active`. */
export function useLiveValidation(
  workspaceId: string | undefined,
  kind: string,
  code: string,
  value: Record<string, unknown>,
  active: boolean,
): LiveValidation {
  const [live, setLive] = useState<LiveValidation>(IDLE);
  const sent = useRef(0);
  useEffect(() => {
    if (!workspaceId || !active) {
      setLive(IDLE);
      return;
    }
    const timer = setTimeout(() => {
      const mine = ++sent.current;
      setLive((l) => ({ ...l, state: 'checking' }));
      benchApi.validateDraft(workspaceId, kind, code, value).then(
        (r) => {
          if (mine !== sent.current) return;
          setLive({
            state: 'done',
            issues: r.issues,
            fieldErrors: r.item.map((i) => ({ pointer: i.pointer ?? '', message: i.message })),
            ms: r.ms,
          });
        },
        (e) => {
          if (mine !== sent.current) return;
          setLive({ state: 'failed', issues: [], fieldErrors: [], error: asApiError(e).text });
        },
      );
    }, LIVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [workspaceId, kind, code, value, active]);
  return live;
}
