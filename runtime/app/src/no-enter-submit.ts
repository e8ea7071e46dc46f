/**
 * Enter in a one-line field of a form that files something (a case, a payment) does not file it: a
 * browser submits a form on Enter, and an officer presses Enter to finish a field, not to file.
 * Filing takes the form's button. Selects and date inputs still take Enter for their own choice
 * (their handlers run before the event reaches the form).
 */
import type { KeyboardEvent } from 'react';

/** The form's onKeyDown: holds back the browser's submit on Enter in an input. */
export function noEnterSubmit(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
}
