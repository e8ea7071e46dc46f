/**
 * A request a user starts (save, issue, an action): which one is running, for the buttons'
 * spinners, and the API error it ended in, for the error banner. Errors that are not the API's
 * (a bug) are thrown on.
 */
import { useCallback, useState } from 'react';
import { ApiError } from './api.ts';

/** A submission's state and how to run one; `K` names the requests when a screen has several. */
export interface Submit<K extends string> {
  /** Whether any request is running. */
  busy: boolean;
  /** Which request is running. */
  running: K | null;
  error: ApiError | null;
  setError(error: ApiError | null): void;
  /**
   * Runs `fn` as `which`, clearing the last error first; an ApiError ends in `error` (and
   * `onError`) and the result is undefined.
   */
  submit<T>(fn: () => Promise<T>, options?: { which?: K; onError?: (e: ApiError) => void }): Promise<T | undefined>;
}

/** State for the requests of one screen or panel. */
export function useSubmit<K extends string = 'submit'>(): Submit<K> {
  const [running, setRunning] = useState<K | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = useCallback(
    async <T>(fn: () => Promise<T>, options: { which?: K; onError?: (e: ApiError) => void } = {}) => {
      setRunning(options.which ?? ('submit' as K));
      setError(null);
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        setError(e);
        options.onError?.(e);
        return undefined;
      } finally {
        setRunning(null);
      }
    },
    [],
  );
  return { busy: running !== null, running, error, setError, submit };
}
