import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { JOURNAL_OUTCOMES, type JournalOutcome } from '../../../../src-main/features/journal/contract';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { CustomerPicker, type CustomerRef } from '../customers/CustomerPicker';
import { catalogOptions } from '../sales/catalogOptions';
import { DateInput, isWholeDay } from '../../ui/DateInput';
import { EmptyState } from '../../ui/EmptyState';
import { FilterSelect } from '../../ui/FilterSelect';
import { Icon } from '../../ui/icons';
import { Pagination } from '../../ui/Pagination';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { EntryTimeline } from './EntryTimeline';
import { JOURNAL_SOURCES, JournalArea } from './JournalArea';
import { useJournalDialogs } from './JournalDialogs';
import { RunningExperiments } from '../experiments/RunningExperiments';

export interface JournalView {
  techniqueId: string;
  customer: CustomerRef | null;
  outcome: JournalOutcome | '';
  tag: string;
  from: string;
  to: string;
  limit: number;
  offset: number;
}

export const INITIAL_JOURNAL_VIEW: JournalView = {
  techniqueId: '',
  customer: null,
  outcome: '',
  tag: '',
  from: '',
  to: '',
  limit: 25,
  offset: 0,
};

const filtersOf = (view: JournalView): boolean =>
  view.techniqueId !== '' ||
  view.customer !== null ||
  view.outcome !== '' ||
  view.tag !== '' ||
  view.from !== '' ||
  view.to !== '';

/** The journal: a timeline of entries, newest first, with its filters and pages. */
export function JournalPage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const { newEntry } = useJournalDialogs();
  const [view, setView] = useViewState<JournalView>('journal', INITIAL_JOURNAL_VIEW);
  const filtered = filtersOf(view);
  const list = useQuery(
    'journal.list',
    {
      techniqueId: view.techniqueId ? Number(view.techniqueId) : undefined,
      customerId: view.customer?.id,
      outcome: view.outcome || undefined,
      tag: view.tag || undefined,
      // A range given backwards is read the right way round rather than refused.
      from: view.from && view.to && view.from > view.to ? view.to : view.from || undefined,
      to: view.from && view.to && view.from > view.to ? view.from : view.to || undefined,
      limit: view.limit,
      offset: view.offset,
    },
    JOURNAL_SOURCES,
  );
  const techniques = useQuery('techniques.list', {}, ['techniques']);
  const tags = useQuery('journal.tags', {}, ['journal']);
  const filter = (patch: Partial<JournalView>): void => setView((v) => ({ ...v, ...patch, offset: 0 }));
  const clear = (): void => setView((v) => ({ ...INITIAL_JOURNAL_VIEW, limit: v.limit }));
  const total = list.data?.total ?? 0;

  const newButton = (
    <button type="button" className="btn btn-primary" onClick={() => newEntry()}>
      <Icon name="plus" />
      {t('journal.new')}
    </button>
  );

  return (
    <JournalArea
      subtitle={
        !filtered && total > 0
          ? t('journal.count', { count: total, formatted: format.number(total) })
          : t('journal.subtitle')
      }
      actions={newButton}
    >
      <RunningExperiments />
      <div className="filters-row journal-filters">
        <FilterSelect
          label={t('journal.filters.technique')}
          value={view.techniqueId}
          onChange={(techniqueId) => filter({ techniqueId })}
          options={catalogOptions(t('journal.filters.anyTechnique'), techniques.data)}
        />
        <div className="filter filter-wide">
          <label htmlFor="journal-filter-customer">{t('journal.filters.customer')}</label>
          <CustomerPicker
            id="journal-filter-customer"
            value={view.customer}
            onChange={(customer) => filter({ customer })}
            placeholder={t('journal.filters.anyCustomer')}
          />
        </div>
        <FilterSelect
          label={t('journal.filters.outcome')}
          value={view.outcome}
          onChange={(outcome) => filter({ outcome })}
          options={[
            { value: '', label: t('journal.filters.anyOutcome') },
            ...JOURNAL_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`journal.outcomes.${outcome}`) })),
          ]}
        />
        <FilterSelect
          label={t('journal.filters.tag')}
          value={view.tag}
          onChange={(tag) => filter({ tag })}
          options={[
            { value: '', label: t('journal.filters.anyTag') },
            ...(tags.data ?? []).map(({ tag, count }) => ({
              value: tag,
              label: t('journal.filters.tagOption', { tag, count: format.number(count) }),
            })),
          ]}
        />
        {/* A date filter changes on a whole day or none: a half-typed day keeps the list as it was. */}
        <div className="filter">
          <label htmlFor="journal-filter-from">{t('journal.filters.from')}</label>
          <DateInput
            id="journal-filter-from"
            value={view.from}
            onChange={(from) => isWholeDay(from) && filter({ from })}
          />
        </div>
        <div className="filter">
          <label htmlFor="journal-filter-to">{t('journal.filters.to')}</label>
          <DateInput id="journal-filter-to" value={view.to} onChange={(to) => isWholeDay(to) && filter({ to })} />
        </div>
        {filtered && (
          <button type="button" className="btn btn-ghost filters-clear" onClick={clear}>
            {t('common.clearFilters')}
          </button>
        )}
      </div>
      <QueryView query={list} failedTitle={t('journal.loadFailed')}>
        {(data) =>
          data.total === 0 ? (
            filtered ? (
              <EmptyState icon="search" title={t('journal.noMatchTitle')} text={t('journal.noMatchText')}>
                <button type="button" className="btn" onClick={clear}>
                  {t('common.clearFilters')}
                </button>
              </EmptyState>
            ) : (
              <EmptyState icon="note" title={t('journal.emptyTitle')} text={t('journal.emptyText')}>
                <button type="button" className="btn btn-primary" onClick={() => newEntry()}>
                  <Icon name="plus" />
                  {t('journal.first')}
                </button>
              </EmptyState>
            )
          ) : (
            <>
              <EntryTimeline entries={data.items} label={t('journal.timeline')} busy={list.loading} />
              <Pagination
                offset={view.offset}
                limit={view.limit}
                total={data.total}
                onOffset={(offset) => setView((v) => ({ ...v, offset }))}
                onLimit={(limit) => setView((v) => ({ ...v, limit, offset: 0 }))}
              />
            </>
          )
        }
      </QueryView>
    </JournalArea>
  );
}
