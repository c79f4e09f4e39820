import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DATE_FORMATS, type DateFormat } from '../../../../src-main/features/imports/contract';
import type { Input } from '../../../../src-main/shared/api';
import type { Language } from '../../../../src-main/shared/domain';
import {
  GoalValueInput,
  type Goal,
  type GoalValuesImportResult,
} from '../../../../src-main/features/goals/contract/api';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';
import { fileName } from '../../ui/fileName';
import { useIssueText } from '../imports/issueText';
import { useSettings } from '../settings/SettingsProvider';
import { Dialog } from '../../ui/Dialog';
import { DataTable } from '../../ui/DataTable';
import { schemaErrors, type Validation } from '../../ui/errors';
import { DateField, Field, NumberField, TextField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import { ValidatedForm } from '../../ui/ValidatedForm';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { GOAL_SOURCES } from './GoalsArea';
import { parseLocaleNumber } from './goalModel';
import { useGoalFormat } from './useGoalFormat';

const FIRST_PAGE = 20;
const ALL = 500;

interface ValueDraft {
  date: string;
  value: string;
  note: string;
}

/** A value typed as the user's language writes numbers, checked by the contract's own schema. */
function validateValue(goalId: number, draft: ValueDraft, language: Language): Validation<Input<'goals.values.log'>> {
  const value = draft.value.trim() === '' ? Number.NaN : (parseLocaleNumber(draft.value, language) ?? Number.NaN);
  const parsed = GoalValueInput.safeParse({ goalId, date: draft.date, value, note: draft.note });
  const errors = parsed.success ? {} : schemaErrors(parsed.error.issues);
  if (draft.value.trim() === '') errors.value = 'errors.required';
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors };
}

/** A custom metric's values: log one, see and delete them, or import a date,value CSV. */
export function GoalValues({ goal }: { goal: Goal }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useGoalFormat();
  const today = useToday();
  const { settings } = useSettings();
  const [limit, setLimit] = useState(FIRST_PAGE);
  const [importing, setImporting] = useState(false);
  const [draft, setDraft] = useState<ValueDraft>({ date: today, value: '', note: '' });
  const values = useQuery('goals.values.list', { goalId: goal.id, limit }, GOAL_SOURCES);
  const form = useForm(draft, (d: ValueDraft) => validateValue(goal.id, d, settings.language), {
    fields: ['date', 'value', 'note'],
  });
  const measure = { unit: goal.unit, currency: goal.currency };
  const name = goal.customName ?? t('goals.metrics.custom');

  const log = (): Promise<void> =>
    form.submit(async (input) => {
      await api.call('goals.values.log', input);
      notify.success('goals.values.logged');
      setDraft((d) => ({ ...d, value: '', note: '' }));
    });

  const remove = async (id: number): Promise<void> => {
    try {
      await api.call('goals.values.delete', { id });
      notify.success('goals.values.deleted');
    } catch (error) {
      notify.error('goals.values.deleteFailed', error);
    }
  };

  return (
    <section className="section goal-values" aria-labelledby="goal-values">
      <div className="section-header">
        <h2 id="goal-values">{t('goals.values.title', { name })}</h2>
        <button type="button" className="btn" onClick={() => setImporting(true)}>
          <Icon name="upload" />
          {t('goals.values.import')}
        </button>
      </div>
      <ValidatedForm
        className="card goal-value-form"
        label={t('goals.values.logTitle')}
        onSubmit={() => void log()}
        form={form}
        failureTitle={t('goals.values.logFailed')}
      >
        <div className="form-row goal-value-row">
          <DateField
            label={t('goals.values.date')}
            error={form.error('date')}
            max={today}
            value={draft.date}
            onChange={(v) => setDraft((d) => ({ ...d, date: v }))}
          />
          <NumberField
            label={t('goals.values.value')}
            error={form.error('value')}
            value={draft.value}
            onChange={(v) => setDraft((d) => ({ ...d, value: v }))}
          />
          <TextField
            label={t('goals.values.note')}
            optional={t('common.optional')}
            error={form.error('note')}
            value={draft.note}
            onChange={(v) => setDraft((d) => ({ ...d, note: v }))}
          />
          <button type="submit" className="btn btn-primary goal-value-submit" disabled={form.saving}>
            {t('goals.values.log')}
          </button>
        </div>
      </ValidatedForm>
      {values.data && values.data.total > 0 ? (
        <>
          <DataTable
            className="goal-table table-goal-values"
            busy={values.loading}
            columns={[
              { label: t('goals.values.date') },
              { label: t('goals.values.value'), num: true },
              { label: t('goals.values.note') },
              { label: t('goals.values.actions'), className: 'col-fit', hidden: true },
            ]}
          >
            {values.data.items.map((v) => (
              <tr key={v.id}>
                <td>{format.date(v.date)}</td>
                <td className="num">{format.value(v.value, measure)}</td>
                <td>{v.note ?? ''}</td>
                <td className="col-fit">
                  <button
                    type="button"
                    className="btn btn-ghost btn-icon"
                    aria-label={t('goals.values.delete', {
                      value: format.value(v.value, measure),
                      date: format.date(v.date),
                    })}
                    onClick={() => void remove(v.id)}
                  >
                    <Icon name="trash" />
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
          {values.data.items.length < values.data.total && (
            <p className="muted">
              {t('goals.values.shown', {
                shown: format.number(values.data.items.length),
                total: format.number(values.data.total),
              })}{' '}
              {limit < ALL && (
                <button type="button" className="btn btn-compact" onClick={() => setLimit(ALL)}>
                  {t('goals.values.showMore')}
                </button>
              )}
            </p>
          )}
        </>
      ) : (
        values.data && <p className="muted section-empty">{t('goals.values.none')}</p>
      )}
      {importing && <ValuesImportDialog goal={goal} onClose={() => setImporting(false)} />}
    </section>
  );
}

/**
 * Imports values from a CSV the user picks: first a dry run that says what would be added
 * (or every bad line), then the import itself, all rows or none. Dates that read two ways
 * need a format, which can be chosen and checked again.
 */
function ValuesImportDialog({ goal, onClose }: { goal: Goal; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useGoalFormat();
  const [path, setPath] = useState<string | null>(null);
  const [dateFormat, setDateFormat] = useState<DateFormat | ''>('');
  const [check, setCheck] = useState<GoalValuesImportResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const issueText = useIssueText();
  const fields: Readonly<Record<string, string>> = {
    date: t('goals.values.date'),
    value: t('goals.values.value'),
    note: t('goals.values.note'),
  };

  const run = async (file: string, dryRun: boolean, chosen: DateFormat | ''): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await api.call('goals.values.import', {
        goalId: goal.id,
        path: file,
        dryRun,
        ...(chosen ? { dateFormat: chosen } : {}),
      });
      if (dryRun) setCheck(result);
      else {
        notify.success('goals.values.imported', {
          count: result.inserted,
          formatted: format.number(result.inserted),
        });
        onClose();
      }
    } catch (error) {
      setCheck(null);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (): Promise<void> => {
    try {
      const { path: picked } = await api.call('dialog.openFile', { purpose: 'import' });
      if (picked === null) return;
      setPath(picked);
      await run(picked, true, dateFormat);
    } catch (error) {
      setFailure(error);
    }
  };

  const ready = path !== null && check !== null && check.errors.length === 0 && check.inserted > 0;
  // Problems are per cell; the count is of lines to fix.
  const badLines = check ? new Set(check.errors.map((e) => e.line)).size : 0;
  return (
    <Dialog
      title={t('goals.values.importTitle')}
      description={t('goals.values.importText')}
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!ready || busy}
            onClick={() => path && void run(path, false, dateFormat)}
          >
            {check && ready
              ? t('goals.values.importCount', { count: check.inserted, formatted: format.number(check.inserted) })
              : t('goals.values.importButton')}
          </button>
        </>
      }
    >
      <div className="form">
        <div className="goal-import-file">
          <span className="mono">{path ? fileName(path) : t('goals.values.noFile')}</span>
          <button type="button" className="btn" onClick={() => void choose()} disabled={busy}>
            <Icon name="file" />
            {path ? t('goals.values.changeFile') : t('goals.values.chooseFile')}
          </button>
        </div>
        <Field label={t('goals.values.dateFormat')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={dateFormat}
              onChange={(e) => {
                const chosen = e.target.value as DateFormat | '';
                setDateFormat(chosen);
                if (path) void run(path, true, chosen);
              }}
            >
              <option value="">{t('goals.values.detect')}</option>
              {DATE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </Field>
        {failure !== null && <FormError title={t('goals.values.importFailed')} error={failure} />}
        {check && (
          <div className="goal-import-check" role="status">
            {check.errors.length > 0 ? (
              <>
                <p className="field-error">
                  {t('goals.values.importErrors', { count: badLines, formatted: format.number(badLines) })}
                </p>
                <ul className="goal-import-errors">
                  {check.errors.slice(0, 50).map((e) => (
                    <li key={`${e.line}:${e.field}:${e.key}`}>
                      <span className="mono">{t('goals.values.line', { line: e.line })}</span>{' '}
                      {fields[e.field] ? `${fields[e.field]}: ` : ''}
                      {issueText(e)}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>
                {t('goals.values.importPreview', {
                  count: check.inserted,
                  formatted: format.number(check.inserted),
                  duplicates: format.number(check.duplicates),
                })}
              </p>
            )}
            {check.dateFormat && (
              <p className="muted">{t('goals.values.readAs', { format: check.dateFormat, decimal: check.decimal })}</p>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
