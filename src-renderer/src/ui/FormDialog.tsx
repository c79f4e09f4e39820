import { useId, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormState } from '../hooks/useForm';
import { Dialog, type DialogProps } from './Dialog';
import { ValidatedForm } from './ValidatedForm';

export interface FormDialogProps extends Pick<DialogProps, 'title' | 'description' | 'variant' | 'onClose'> {
  /** Called on the submit button and on Enter; the browser's own validation is off (the form shows its own). */
  onSubmit: () => void;
  submitLabel: string;
  /**
   * The form's save cycle (useForm): its element, the failed save said above the fields, and
   * `saving`, which disables the submit button so a slow save is not sent twice.
   */
  form: FormState;
  failureTitle: string;
  /** Footer content before the spacer (a delete button, a link away). */
  footerStart?: ReactNode;
  /** Read-only content above the form (the record's facts). */
  lead?: ReactNode;
  /**
   * Shown instead of the form once a save has something to say, in the same dialog: it stays
   * mounted, so focus stays inside and the news is announced where the user already is.
   */
  outcome?: { body: ReactNode; footer: ReactNode } | null;
  children: ReactNode;
}

/**
 * A dialog whose body is one form: Cancel and the submit button live in the footer, outside
 * the form element, and are tied to it by its id so Enter and the button submit alike.
 */
export function FormDialog({
  title,
  description,
  variant,
  onClose,
  onSubmit,
  submitLabel,
  form,
  failureTitle,
  footerStart,
  lead,
  outcome,
  children,
}: FormDialogProps): ReactElement {
  const { t } = useTranslation();
  const formId = useId();
  return (
    <Dialog
      title={title}
      description={description}
      variant={variant}
      onClose={onClose}
      footer={
        outcome ? (
          outcome.footer
        ) : (
          <>
            {footerStart}
            <span className="spacer" />
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" form={formId} className="btn btn-primary" disabled={form.saving}>
              {submitLabel}
            </button>
          </>
        )
      }
    >
      {outcome ? (
        outcome.body
      ) : (
        <>
          {lead}
          <ValidatedForm id={formId} form={form} className="form" onSubmit={onSubmit} failureTitle={failureTitle}>
            {children}
          </ValidatedForm>
        </>
      )}
    </Dialog>
  );
}
