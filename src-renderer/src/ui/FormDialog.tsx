import { useId, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormState } from '../hooks/useForm';
import { Dialog, type DialogProps } from './Dialog';
import { DiscardDialog } from './DiscardDialog';
import { ValidatedForm } from './ValidatedForm';

export interface FormDialogProps extends Pick<DialogProps, 'title' | 'description' | 'variant' | 'onClose'> {
  /** Called on the submit button and on Enter; the browser's own validation is off (the form shows its own). */
  onSubmit: () => void;
  submitLabel: string;
  /**
   * The form's save cycle (useForm): its element, the failed save said above the fields,
   * `saving`, which disables the submit button so a slow save is not sent twice, and `dirty`.
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
 * Every way of closing it (Escape, Cancel, the close button) asks first while the form has
 * unsaved changes; a saved form closes through `onClose` itself, and so does an outcome.
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
  const [asking, setAsking] = useState(false);
  const close = (): void => (form.dirty && !outcome ? setAsking(true) : onClose());
  return (
    <>
      <Dialog
        title={title}
        description={description}
        variant={variant}
        onClose={close}
        footer={
          outcome ? (
            outcome.footer
          ) : (
            <>
              {footerStart}
              <span className="spacer" />
              <button type="button" className="btn" onClick={close}>
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
      {asking && <DiscardDialog onKeep={() => setAsking(false)} onDiscard={onClose} />}
    </>
  );
}
