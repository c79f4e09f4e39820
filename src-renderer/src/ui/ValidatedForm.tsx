import type { ReactElement, ReactNode, Ref } from 'react';
import { FormError } from './FormError';

export interface ValidatedFormProps {
  id?: string;
  formRef?: Ref<HTMLFormElement>;
  className?: string;
  /** Called on submit and on Enter; the browser's own validation is off (the form shows its own). */
  onSubmit: () => void;
  /** The failed save, said above the fields with the backend's messages that fit no field. */
  failure: { error: unknown; extra?: string[] } | null;
  failureTitle: string;
  labelledBy?: string;
  label?: string;
  /** Shown before the failure (a heading and what the form is for). */
  lead?: ReactNode;
  children: ReactNode;
}

/** A form that validates itself: no browser bubbles, no page reload, the failed save on top. */
export function ValidatedForm({
  id,
  formRef,
  className,
  onSubmit,
  failure,
  failureTitle,
  labelledBy,
  label,
  lead,
  children,
}: ValidatedFormProps): ReactElement {
  return (
    <form
      id={id}
      ref={formRef}
      className={className}
      aria-labelledby={labelledBy}
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {lead}
      {failure && <FormError title={failureTitle} error={failure.error} extra={failure.extra} />}
      {children}
    </form>
  );
}
