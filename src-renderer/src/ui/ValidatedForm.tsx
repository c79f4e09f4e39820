import type { ReactElement, ReactNode } from 'react';
import type { FormState } from '../hooks/useForm';
import { FormError } from './FormError';

export interface ValidatedFormProps {
  id?: string;
  /** The form's save cycle (useForm): its element, and the failed save said above the fields. */
  form: Pick<FormState, 'element' | 'failure'>;
  className?: string;
  /** Called on submit and on Enter; the browser's own validation is off (the form shows its own). */
  onSubmit: () => void;
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
  form: { element, failure },
  className,
  onSubmit,
  failureTitle,
  labelledBy,
  label,
  lead,
  children,
}: ValidatedFormProps): ReactElement {
  return (
    <form
      id={id}
      ref={element}
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
