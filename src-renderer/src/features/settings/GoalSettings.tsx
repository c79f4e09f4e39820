import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../src-main/shared/api';
import { WorkCalendar } from '../../../../src-main/features/goals/contract/definition';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { useFormat } from '../../i18n/format';
import { schemaErrors, useDescribeError, type FieldErrors, type Validation } from '../../ui/errors';
import { DateField, Field } from '../../ui/Field';
import { AddButton } from '../../ui/AddButton';
import { ChipChecks } from '../../ui/ChipChecks';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { Spinner } from '../../ui/Spinner';
import { SettingsForm } from './SettingsForm';

/** Monday first, as the week is worked; numbered as Date.getDay numbers them. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

interface CalendarDraft {
  weekdays: number[];
  breaks: { key: number; from: string; to: string; label: string }[];
}

/** The app-wide work calendar as the contract takes it, checked by its own schema. */
function validateCalendar(draft: CalendarDraft): Validation<Input<'goals.calendar.set'>> {
  const parsed = WorkCalendar.safeParse({
    weekdays: [...draft.weekdays].sort((a, b) => a - b),
    breaks: draft.breaks.map(({ from, to, label }) => ({ from, to, label })),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = schemaErrors(parsed.error.issues);
  // The schema's own words for "no weekday" are zod's; say it plainly.
  if (errors.weekdays !== undefined) errors.weekdays = 'errors.weekdaysRequired';
  return { ok: false, errors };
}

/**
 * Goals → working days and breaks: which weekdays are worked and the planned breaks
 * (holidays), which pace spreads a goal's target over. Saved as a whole.
 */
export function GoalSettings(): ReactElement {
  const { t } = useTranslation();
  const calendar = useQuery('goals.calendar.get', {}, ['goals']);
  const describe = useDescribeError();
  return (
    <section className="card settings-section goal-settings" aria-labelledby="settings-goals">
      <h2 id="settings-goals">{t('goals.settings.title')}</h2>
      {calendar.error ? (
        <div>
          <p className="setting-help">
            {t('goals.settings.loadFailed')} {describe(calendar.error)}
          </p>
          <button type="button" className="btn btn-compact" onClick={calendar.reload}>
            {t('common.retry')}
          </button>
        </div>
      ) : calendar.data ? (
        <CalendarEditor key={JSON.stringify(calendar.data)} calendar={calendar.data} />
      ) : (
        <div className="setting-loading">
          <Spinner label={t('common.loading')} />
        </div>
      )}
    </section>
  );
}

function CalendarEditor({ calendar }: { calendar: WorkCalendar }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const formId = useId();
  const [draft, setDraft] = useState<CalendarDraft>(() => ({
    weekdays: [...calendar.weekdays],
    breaks: calendar.breaks.map((b, key) => ({ key, from: b.from, to: b.to, label: b.label ?? '' })),
  }));
  const form = useForm(draft, validateCalendar, {
    fields: (path) => path === 'weekdays' || path.startsWith('breaks.'),
  });
  // 2024-01-07 was a Sunday: day n of that week is weekday n.
  const dayName = new Intl.DateTimeFormat(format.locale, { weekday: 'long', timeZone: 'UTC' });
  const weekdayName = (day: number): string => dayName.format(new Date(Date.UTC(2024, 0, 7 + day)));

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      await api.call('goals.calendar.set', input);
      notify.success('goals.settings.saved');
    });

  const changeBreak = (key: number, patch: Partial<CalendarDraft['breaks'][number]>): void =>
    setDraft((d) => ({ ...d, breaks: d.breaks.map((b) => (b.key === key ? { ...b, ...patch } : b)) }));

  const weekdaysError = form.error('weekdays');
  return (
    <SettingsForm
      labelledBy="settings-goals"
      help={[t('goals.settings.text')]}
      form={form}
      onSave={() => void save()}
      failureTitle={t('goals.settings.saveFailed')}
      saveLabel={t('goals.settings.save')}
    >
      <fieldset className="fieldset goal-weekdays">
        <legend className="field-label">{t('goals.settings.weekdays')}</legend>
        <ChipChecks
          options={WEEK.map((day) => ({ value: day, label: weekdayName(day) }))}
          selected={draft.weekdays}
          errorId={weekdaysError ? `${formId}-weekdays-error` : undefined}
          onChange={(weekdays) => setDraft((d) => ({ ...d, weekdays }))}
        />
        {weekdaysError && (
          <p id={`${formId}-weekdays-error`} className="field-error">
            {weekdaysError}
          </p>
        )}
      </fieldset>
      <fieldset className="fieldset goal-breaks">
        <legend className="field-label">{t('goals.settings.breaks')}</legend>
        {draft.breaks.length === 0 && <p className="field-hint">{t('goals.settings.noBreaks')}</p>}
        {draft.breaks.map((b, index) => (
          <div
            key={b.key}
            className="break-row"
            role="group"
            aria-label={t('goals.settings.breakLabel', { n: index + 1 })}
          >
            <DateField
              label={t('goals.settings.from')}
              error={form.error(`breaks.${index}.from`)}
              value={b.from}
              onChange={(from) => changeBreak(b.key, { from })}
            />
            <DateField
              label={t('goals.settings.to')}
              error={form.error(`breaks.${index}.to`)}
              value={b.to}
              onChange={(to) => changeBreak(b.key, { to })}
            />
            <Field
              label={t('goals.settings.what')}
              optional={t('common.optional')}
              error={form.error(`breaks.${index}.label`)}
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="text"
                  value={b.label}
                  placeholder={t('goals.settings.whatPlaceholder')}
                  onChange={(e) => changeBreak(b.key, { label: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              aria-label={t('goals.settings.removeBreak', { n: index + 1 })}
              onClick={() => setDraft((d) => ({ ...d, breaks: d.breaks.filter((x) => x.key !== b.key) }))}
            >
              <Icon name="close" />
            </button>
          </div>
        ))}
        <div className="rule-add">
          <AddButton
            label={t('goals.settings.addBreak')}
            onClick={() =>
              setDraft((d) => ({
                ...d,
                breaks: [
                  ...d.breaks,
                  { key: Math.max(-1, ...d.breaks.map((b) => b.key)) + 1, from: '', to: '', label: '' },
                ],
              }))
            }
          />
        </div>
      </fieldset>
    </SettingsForm>
  );
}
