import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PAPERS,
  REPORT_FORMATS,
  REPORT_SECTIONS,
  type ReportSaveResult,
} from '../../../../src-main/features/reports/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';
import { useFormat } from '../../i18n/format';
import { ChipChecks } from '../../ui/ChipChecks';
import { DateInput } from '../../ui/DateInput';
import { useDescribeError, useErrorDetail } from '../../ui/errors';
import { Segmented, Select, TextAreaField, TextField } from '../../ui/Field';
import { fileName } from '../../ui/fileName';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { Spinner } from '../../ui/Spinner';
import { useViewState } from '../../ui/viewState';
import { JournalPicker } from './JournalPicker';
import { ReportPreviewPane } from './ReportPreviewPane';
import { RowsList } from './RowsList';
import {
  INITIAL_REPORT_VIEW,
  REPORT_COMPARE_CHOICES,
  REPORT_PERIODS,
  reportRange,
  reportRequest,
  savePurpose,
  sizeText,
  type ReportView,
} from './reportModel';

/**
 * The coach report from the app: what goes in (period, sections, privacy, highlights, words),
 * a preview of exactly what will be in the file, then a native save dialog and report.save.
 * The choices are kept while the seller looks elsewhere (a cancelled dialog loses nothing).
 */
export function ReportsPage(): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const today = useToday();
  const describe = useDescribeError();
  const detail = useErrorDetail();
  const id = useId();
  const [view, setView] = useViewState<ReportView>('reports', INITIAL_REPORT_VIEW);
  const set = <K extends keyof ReportView>(key: K, value: ReportView[K]): void =>
    setView((v) => ({ ...v, [key]: value }));
  const [inPeriod, setInPeriod] = useState<ReadonlySet<number> | undefined>(undefined);
  const request = reportRequest(view, today, inPeriod);
  const errors = request.ok ? {} : request.errors;
  const range = reportRange(view, today);
  const rangeOk = !errors.from && !errors.to;
  // The name the report will carry when none is typed: the last one used (report.save records it).
  const log = useQuery('report.log', { limit: 1 }, []);
  const lastSeller = log.data?.[0]?.seller ?? '';
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<ReportSaveResult | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const err = (key: string): string | undefined => (errors[key] ? t(errors[key]!) : undefined);

  const save = async (): Promise<void> => {
    if (!request.ok) return;
    setSaving(true);
    setSaveError(null);
    try {
      const { path } = await api.call('dialog.saveFile', {
        purpose: savePurpose(view.format),
        period: { from: request.options.from, to: request.options.to },
      });
      // Cancelled (Escape): nothing happens and every choice stays as it was.
      if (path === null) return;
      const result = await api.call('report.save', {
        options: request.options,
        format: view.format,
        path,
        paper: view.paper,
        // The native dialog has already asked before replacing a file.
        overwrite: true,
      });
      setSaved(result);
      log.reload();
      notify.success('reports.screen.saved', { file: fileName(result.path) });
    } catch (failure) {
      setSaved(null);
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page reports">
      <header className="page-header">
        <div>
          <h1>{t('reports.screen.title')}</h1>
          <p className="page-subtitle">{t('reports.screen.subtitle')}</p>
        </div>
      </header>

      <div className="reports-layout">
        <form
          className="card reports-options"
          aria-label={t('reports.screen.options')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className="reports-group">
            <legend>{t('reports.screen.period.legend')}</legend>
            <Segmented
              label={t('reports.screen.period.label')}
              className="reports-periods"
              value={view.period}
              onChange={(period) =>
                setView((v) => ({
                  ...v,
                  period,
                  // A custom range starts from the period shown, to be adjusted.
                  ...(period === 'custom' && v.from === '' ? reportRange(v, today) : {}),
                }))
              }
              options={REPORT_PERIODS.map((p) => ({ value: p, label: t(`home.period.${p}`) }))}
            />
            {view.period === 'custom' && (
              <div className="reports-range">
                <div className="filter">
                  <label htmlFor={`${id}-from`}>{t('home.custom.from')}</label>
                  <DateInput
                    id={`${id}-from`}
                    value={view.from}
                    onChange={(from) => set('from', from)}
                    aria-invalid={errors.from ? true : undefined}
                    aria-describedby={errors.from ? `${id}-range-error` : undefined}
                  />
                </div>
                <div className="filter">
                  <label htmlFor={`${id}-to`}>{t('home.custom.to')}</label>
                  <DateInput
                    id={`${id}-to`}
                    value={view.to}
                    onChange={(to) => set('to', to)}
                    aria-invalid={errors.to ? true : undefined}
                    aria-describedby={errors.to ? `${id}-range-error` : undefined}
                  />
                </div>
              </div>
            )}
            {!rangeOk && (
              <p className="field-error" id={`${id}-range-error`} role="status">
                {err('from') ?? err('to')}
              </p>
            )}
            {rangeOk && (
              <p className="field-hint">
                {t('reports.screen.period.covers', { range: format.range(range.from, range.to) })}
              </p>
            )}
            <label className="filter reports-compare">
              <span>{t('reports.screen.compare.label')}</span>
              <Select
                value={view.compare}
                onChange={(compare) => set('compare', compare)}
                options={REPORT_COMPARE_CHOICES.map((c) => ({ value: c, label: t(`reports.screen.compare.${c}`) }))}
              />
            </label>
          </fieldset>

          <fieldset className="reports-group">
            <legend>{t('reports.screen.sections.legend')}</legend>
            <p className="field-hint">{t('reports.screen.sections.summaryAlways')}</p>
            <ChipChecks
              options={REPORT_SECTIONS.map((s) => ({ value: s, label: t(`reports.sections.${s}`) }))}
              selected={view.sections}
              onChange={(sections) => set('sections', sections)}
              errorId={errors.sections ? `${id}-sections-error` : undefined}
            />
            {errors.sections && (
              <p className="field-error" id={`${id}-sections-error`} role="status">
                {t('reports.screen.sections.none')}
              </p>
            )}
          </fieldset>

          <fieldset className="reports-group">
            <legend>{t('reports.screen.privacy.legend')}</legend>
            <label className="check-row">
              <input type="checkbox" checked={view.anonymize} onChange={(e) => set('anonymize', e.target.checked)} />
              <span>
                {t('reports.screen.privacy.anonymize')}{' '}
                <span className="field-hint">{t('reports.screen.privacy.anonymizeHint')}</span>
              </span>
            </label>
            <label className="check-row">
              <input
                type="checkbox"
                checked={view.journalText}
                onChange={(e) => set('journalText', e.target.checked)}
              />
              <span>
                {t('reports.screen.privacy.journalText')}{' '}
                <span className="field-hint">{t('reports.screen.privacy.journalTextHint')}</span>
              </span>
            </label>
            <p className="reports-never">
              <Icon name="check" />
              {t('reports.screen.privacy.never')}
            </p>
          </fieldset>

          {view.sections.includes('journal') && (
            <fieldset className="reports-group">
              <legend>{t('reports.screen.highlights.legend')}</legend>
              {rangeOk ? (
                <JournalPicker
                  from={range.from}
                  to={range.to}
                  selected={view.journalIds}
                  onChange={(journalIds) => set('journalIds', journalIds)}
                  onLoaded={setInPeriod}
                />
              ) : (
                <p className="field-hint">{t('reports.screen.highlights.needPeriod')}</p>
              )}
            </fieldset>
          )}

          <fieldset className="reports-group">
            <legend>{t('reports.screen.words.legend')}</legend>
            <TextField
              label={t('reports.screen.words.seller')}
              hint={lastSeller ? t('reports.screen.words.sellerHint', { name: lastSeller }) : undefined}
              placeholder={lastSeller}
              value={view.seller}
              onChange={(seller) => set('seller', seller)}
              error={err('seller')}
            />
            <TextAreaField
              label={t('reports.screen.words.comment')}
              optional={t('common.optional')}
              rows={4}
              value={view.comment}
              onChange={(comment) => set('comment', comment)}
              error={err('comment')}
            />
          </fieldset>

          <fieldset className="reports-group">
            <legend>{t('reports.screen.output.legend')}</legend>
            <div className="reports-output">
              <div>
                <span className="field-label" id={`${id}-format`}>
                  {t('reports.screen.output.format')}
                </span>
                <Segmented
                  labelledBy={`${id}-format`}
                  value={view.format}
                  onChange={(f) => set('format', f)}
                  options={REPORT_FORMATS.map((f) => ({ value: f, label: t(`reports.screen.output.formats.${f}`) }))}
                />
              </div>
              {view.format === 'pdf' && (
                <div>
                  <span className="field-label" id={`${id}-paper`}>
                    {t('reports.screen.output.paper')}
                  </span>
                  <Segmented
                    labelledBy={`${id}-paper`}
                    value={view.paper}
                    onChange={(p) => set('paper', p)}
                    options={PAPERS.map((p) => ({ value: p, label: t(`reports.screen.output.papers.${p}`) }))}
                  />
                </div>
              )}
            </div>
          </fieldset>

          <div className="reports-save">
            <button type="submit" className="btn btn-primary" disabled={!request.ok || saving}>
              {saving ? <Spinner /> : <Icon name="download" />}
              {t('reports.screen.save')}
            </button>
            {!request.ok && <p className="field-hint">{t('reports.screen.fixFirst')}</p>}
          </div>
          {saveError !== null && (
            <div className="notice notice-error" role="alert">
              <Icon name="alert" />
              <div>
                <strong>{t('reports.screen.saveFailed')}</strong>
                <p>{detail(saveError) ?? describe(saveError)}</p>
              </div>
            </div>
          )}
          {saved && <SavedNote result={saved} />}
        </form>

        <ReportPreviewPane
          request={request.ok ? { options: request.options, paper: view.paper } : null}
          paper={view.paper}
          format={view.format}
        />
      </div>
    </div>
  );
}

/** What was written: where, how big, and how many rows each section holds. */
function SavedNote({ result }: { result: ReportSaveResult }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="notice notice-info reports-saved" role="status">
      <Icon name="check" />
      <div>
        <strong>
          {t('reports.screen.savedTitle', { format: t(`reports.screen.output.formats.${result.format}`) })}
        </strong>
        <p className="mono selectable reports-path">{result.path}</p>
        <p>{sizeText(result.bytes, format, t)}</p>
        <RowsList rows={result.rows} />
      </div>
    </div>
  );
}
