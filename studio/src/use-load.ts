/** Loading from the platform in a component: the value, or the platform's message when it fails. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api.ts';
import type { MessageKey } from './messages.ts';

/** The studio's texts in the reader's language, with {placeholders} filled. */
export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Any failure as an ApiError (a network failure has no platform message of its own). */
export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, 'http', { zh: String(error), en: String(error) });

/** Loads a value again whenever `key` changes (or `reload` is called), showing the platform's message when it fails. */
export function useLoad<V>(load: () => Promise<V>, key: string): { value?: V; error?: ApiError; reload: () => void } {
  const [state, setState] = useState<{ value?: V; error?: ApiError }>({});
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the load runs again when its key changes, not on every render's new closure
  useEffect(() => {
    let live = true;
    setState((s) => (tick > 0 ? s : {}));
    latest.current().then(
      (value) => live && setState({ value }),
      (error) => live && setState({ error: asApiError(error) }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
