import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportOptions, ImportPreview } from '../../../../src-main/features/imports/contract';
import { useFormat } from '../../i18n/format';
import { Icon } from '../../ui/icons';
import { importBlocker } from './importModel';
import { IssueList } from './IssueList';
import { MappingEditor } from './MappingEditor';
import { PreviewTable } from './PreviewTable';
import { ReadingSettings } from './ReadingSettings';
import { AmbiguousDates } from './AmbiguousDates';

export interface ImportReviewProps {
  kind: ImportKind;
  preview: ImportPreview;
  options: ImportOptions;
  onOptions: (options: ImportOptions) => void;
  skipInvalid: boolean;
  onSkipInvalid: (skip: boolean) => void;
  onImport: () => void;
  /** A newer preview is being read; the one on screen is about to change. */
  busy: boolean;
}

/** Everything the user checks before importing: how the file is read, and what it will do. */
export function ImportReview(props: ImportReviewProps): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { kind, preview, options, onOptions } = props;
  const blocker = importBlocker(preview, props.skipInvalid);
  const { counts, settings } = preview;
  const set = (patch: Partial<ImportOptions>): void => onOptions({ ...options, ...patch });

  return (
    <div className="import-review" aria-busy={props.busy}>
      <ReadingSettings
        kind={kind}
        settings={preview.settings}
        options={options}
        onOptions={onOptions}
        mustChooseDateFormat={blocker === 'chooseDateFormat'}
        dateEvidence={preview.dateEvidence}
      />
      <AmbiguousDates
        rows={preview.ambiguousDates}
        chosen={settings.dateFormat}
        onDateFormat={(dateFormat) => set({ dateFormat })}
      />
      <MappingEditor kind={kind} preview={preview} options={options} onOptions={onOptions} />

      <section className="card panel" aria-labelledby="import-preview">
        <h2 id="import-preview">{t('import.previewTitle')}</h2>
        {preview.alreadyImported && (
          <p className="notice notice-warning">
            <Icon name="alert" />
            <span>
              {t('import.alreadyImported', { date: format.date(preview.alreadyImported.createdAt.slice(0, 10)) })}
            </span>
          </p>
        )}
        <dl className="kpis import-counts">
          {(
            [
              ['rows', counts.rows],
              ['insert', counts.insert],
              ['duplicates', counts.duplicates],
              ['rejected', counts.rejected],
              ...(kind === 'sales' ? [['customersCreated', counts.customersCreated] as const] : []),
            ] as const
          ).map(([key, value]) => (
            <div key={key} className={`kpi${key === 'rejected' && value > 0 ? ' kpi-bad' : ''}`}>
              <dt className="kpi-label">{t(`import.counts.${key}`)}</dt>
              <dd className="kpi-value">{format.number(value)}</dd>
            </div>
          ))}
        </dl>
        <PreviewTable kind={kind} preview={preview} />
        {preview.errors.length > 0 && <IssueList issues={preview.errors} total={preview.errors.length} kind={kind} />}
      </section>

      <section className="card import-action" aria-labelledby="import-action">
        <h2 id="import-action" className="visually-hidden">
          {t('import.actionTitle')}
        </h2>
        {counts.rejected > 0 && (
          <label className="check-row">
            <input
              type="checkbox"
              checked={props.skipInvalid}
              onChange={(e) => props.onSkipInvalid(e.target.checked)}
            />
            <span>
              <span className="strong">{t('import.skipInvalid', { count: counts.rejected })}</span>
              <span className="field-hint">{t('import.skipInvalidHint')}</span>
            </span>
          </label>
        )}
        <p className={blocker ? 'import-blocker' : 'muted'} role="status">
          {blocker
            ? t(`import.blockers.${blocker}`, {
                fields: preview.missingFields.map((field) => t(`import.fields.${field}`)).join(', '),
              })
            : t('import.ready', { count: counts.insert, formatted: format.number(counts.insert) })}
        </p>
        <button
          type="button"
          className="btn btn-primary"
          disabled={blocker !== null || props.busy}
          onClick={props.onImport}
        >
          <Icon name="upload" />
          {t(`import.run.${kind}`, { count: counts.insert, formatted: format.number(counts.insert) })}
        </button>
      </section>
    </div>
  );
}
