import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../../src-main/features/library/contract';
import type { Language } from '../../../../src-main/shared/domain';
import { useApi } from '../../api/ApiProvider';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';
import { useFormat } from '../../i18n/format';
import type { FieldErrors, Validation } from '../../ui/errors';
import { NumberField } from '../../ui/Field';
import { useNotify } from '../../ui/Notifications';
import { ValidatedForm } from '../../ui/ValidatedForm';
import { useLanguage } from './ItemDialog';
import { ProgressBar } from './LibraryBits';
import { clock, decimalNumber, isMediaKind, wholeNumber } from './libraryModel';

interface LogValues {
  pages: string;
  percent: string;
  minutes: string;
}

interface LogInput {
  pages: number | null;
  percent: number | null;
  minutes: number | null;
}

const EMPTY: LogValues = { pages: '', percent: '', minutes: '' };

/** Today's reading or listening as typed: each a number when given, and at least one given. */
export function validateLog(values: LogValues, language: Language): Validation<LogInput> {
  const pages = wholeNumber(values.pages, language);
  const percent = decimalNumber(values.percent, language);
  const minutes = decimalNumber(values.minutes, language);
  const errors: FieldErrors = {};
  if (pages === undefined || (pages !== null && (pages < 1 || pages > 100_000))) errors.pages = 'errors.wholeNumber';
  if (percent === undefined || (percent !== null && (percent < 0 || percent > 100)))
    errors.percent = 'errors.goalPercent';
  if (minutes === undefined || (minutes !== null && (minutes <= 0 || minutes > 24 * 60)))
    errors.minutes = 'errors.invalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (pages === null && percent === null && minutes === null)
    return { ok: false, errors: { [values.pages === '' ? 'pages' : 'minutes']: 'errors.required' } };
  return { ok: true, input: { pages: pages ?? null, percent: percent ?? null, minutes: minutes ?? null } };
}

/**
 * How far along the seller is, and what they did today: pages read and minutes spent (or, for
 * something without pages, where they are now). Saved on today's date, which the learning
 * metrics count.
 */
export function ItemProgress({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const today = useToday();
  const language = useLanguage();
  const titleId = useId();
  const media = isMediaKind(item.kind);
  const byPercent = !media && item.pages === null;
  const [values, setValues] = useState<LogValues>(EMPTY);
  const form = useForm(values, (v) => validateLog(v, language), { fields: ['pages', 'percent', 'minutes'] });
  const change = (patch: Partial<LogValues>): void => setValues((v) => ({ ...v, ...patch }));

  const save = (): Promise<void> =>
    form.submit(async ({ pages, percent, minutes }) => {
      await api.call('library.progress', {
        id: item.id,
        on: today,
        ...(pages !== null && { page: Math.min((item.progressPage ?? 0) + pages, item.pages ?? Infinity) }),
        ...(percent !== null && { percent }),
        ...(minutes !== null && { minutes }),
      });
      notify.success('library.ui.progress.saved', { title: item.title });
      setValues(EMPTY);
    });

  const where =
    item.status === 'done'
      ? item.finishedOn
        ? t('library.ui.progress.finishedOn', { date: format.date(item.finishedOn) })
        : t('library.ui.progress.finished')
      : item.progressPage !== null && item.pages
        ? t('library.ui.progress.pageOf', { page: format.number(item.progressPage), pages: format.number(item.pages) })
        : item.progressPage !== null
          ? t('library.ui.progress.page', { page: format.number(item.progressPage) })
          : item.progressPercent !== null
            ? t('library.ui.progress.percent', { percent: format.percent(item.progressPercent / 100) })
            : item.positionS !== null && item.durationS
              ? t('library.ui.progress.positionOf', { at: clock(item.positionS), length: clock(item.durationS) })
              : item.positionS !== null
                ? t('library.ui.progress.position', { at: clock(item.positionS) })
                : t('library.ui.progress.notStarted');

  return (
    <section className="card library-side-card library-progress-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('library.ui.progress.title')}</h2>
      <p className="library-progress-where">{where}</p>
      <ProgressBar item={item} label={t('library.ui.progress.title')} />
      <ValidatedForm
        form={form}
        className="form library-log"
        label={t('library.ui.progress.logLabel')}
        onSubmit={() => void save()}
        failureTitle={t('library.ui.progress.failed')}
      >
        <p className="field-hint">{t('library.ui.progress.today')}</p>
        <div className="form-row">
          {!media &&
            (byPercent ? (
              <NumberField
                label={t('library.ui.progress.nowAt')}
                unit="%"
                error={form.error('percent')}
                value={values.percent}
                onChange={(percent) => change({ percent })}
              />
            ) : (
              <NumberField
                label={t('library.ui.progress.pagesRead')}
                error={form.error('pages')}
                value={values.pages}
                onChange={(pages) => change({ pages })}
              />
            ))}
          <NumberField
            label={media ? t('library.ui.progress.minutesListened') : t('library.ui.progress.minutesRead')}
            error={form.error('minutes')}
            value={values.minutes}
            onChange={(minutes) => change({ minutes })}
          />
        </div>
        <button type="submit" className="btn btn-compact" disabled={form.saving}>
          {t('library.ui.progress.log')}
        </button>
      </ValidatedForm>
    </section>
  );
}
