import { useId, type ReactElement, type ReactNode } from 'react';
import type { FormState } from '../../hooks/useForm';
import { useLeaveGuard } from '../../shell/LeaveGuard';
import { ValidatedForm } from '../../ui/ValidatedForm';

/**
 * A part of Settings saved as a whole, as the contract replaces it: its heading (or the
 * section's, `labelledBy`) and help, the refused save on top, its fields, and its save button.
 * Every part of Settings is one of these, so all save the same way, and leaving the page with
 * one unsaved asks first.
 */
export function SettingsForm({
  title,
  labelledBy,
  help,
  className,
  form,
  onSave,
  failureTitle,
  saveLabel,
  children,
}: {
  title?: string;
  labelledBy?: string;
  help: readonly string[];
  className?: string;
  form: FormState;
  onSave: () => void;
  failureTitle: string;
  saveLabel: string;
  children: ReactNode;
}): ReactElement {
  const titleId = useId();
  useLeaveGuard(form.dirty);
  return (
    <ValidatedForm
      form={form}
      className={className}
      labelledBy={title === undefined ? labelledBy : titleId}
      onSubmit={onSave}
      failureTitle={failureTitle}
      lead={
        <>
          {title !== undefined && <h3 id={titleId}>{title}</h3>}
          {help.map((text) => (
            <p key={text} className="setting-help">
              {text}
            </p>
          ))}
        </>
      }
    >
      {children}
      <div className="rule-save">
        <button type="submit" className="btn btn-primary" disabled={form.saving}>
          {saveLabel}
        </button>
      </div>
    </ValidatedForm>
  );
}
