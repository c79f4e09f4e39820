import type { ReactElement, ReactNode } from 'react';

export interface SettingRowProps {
  title: string;
  hint: string;
  /** The id of the control the title labels; without it the title is plain text. */
  htmlFor?: string;
  /** An id for a plain-text title, for a control named by it via aria-labelledby. */
  titleId?: string;
  /** The row's control. */
  children: ReactNode;
}

/** One settings row: its title and hint on the left, its control on the right. */
export function SettingRow({ title, hint, htmlFor, titleId, children }: SettingRowProps): ReactElement {
  return (
    <div className="setting-row">
      <div className="setting-text">
        {htmlFor ? (
          <label className="setting-label" htmlFor={htmlFor}>
            {title}
          </label>
        ) : (
          <span id={titleId} className="setting-label">
            {title}
          </span>
        )}
        <p>{hint}</p>
      </div>
      {children}
    </div>
  );
}
