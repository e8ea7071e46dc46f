/** A failed request, as the platform explained it, in the reader's language. */
import { Alert } from 'antd';
import type { ApiError } from '../api.ts';
import { useT } from '../i18n.tsx';

/** Shows an API error (nothing when there is none). */
export function ErrorAlert({ error, onClose }: { error: ApiError | null | undefined; onClose?: () => void }) {
  const { pick, paren } = useT();
  if (!error) return null;
  const refusals = error.details.refusals ?? [];
  const problems = error.details.problems ?? [];
  // Each reason once: those the message already states are not listed again.
  const list = [
    ...refusals.map((r) =>
      r.detail && !pick(r.message).includes(pick(r.detail)) ? paren(pick(r.message), pick(r.detail)) : pick(r.message),
    ),
    ...problems.map((p) => pick(p.message)),
  ].filter((l) => !pick(error.text).includes(l));
  return (
    <Alert
      type="error"
      showIcon
      closable={!!onClose}
      onClose={onClose}
      message={pick(error.text)}
      description={
        list.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {list.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
      data-testid="error-alert"
      data-code={error.code}
    />
  );
}
