/**
 * @yifa/ui — the React pieces the officer app and the studio share, so that a preview in the
 * studio is exactly what officers see: the document form, the print preview, explanations.
 */
export { DATE_FORMAT, DateField, DateInput, type DateInputProps, DateText } from './DateInput.tsx';
export { DateTimeInput } from './DateTimeInput.tsx';
export { DocumentForm, type DocumentFormProps } from './DocumentForm.tsx';
export { Explanation, type ExplanationProps, type LineKind, lineKind } from './Explanation.tsx';
export { applyFormRules, documentData, givenValues, missingFields } from './form-rules.ts';
export { type Choice, formSchema, type SchemaOptions } from './form-schema.ts';
export { setFormLocale, unitText } from './locale.ts';
export { PartyText } from './PartyText.tsx';
export { PrintPreview, type PrintPreviewProps } from './PrintPreview.tsx';
