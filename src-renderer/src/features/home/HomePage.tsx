import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeSummary } from '../../../../src-main/features/home/contract';
import { HOME_COMPARISONS, HOME_PERIODS } from '../../../../src-main/shared/periods';
import type { Input } from '../../../../src-main/shared/api';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';
import { useFormat } from '../../i18n/format';
import { useEditors } from '../../shell/EditorsProvider';
import { DateInput } from '../../ui/DateInput';
import { EmptyState } from '../../ui/EmptyState';
import { Segmented, Select } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { QueryView } from '../../ui/QueryView';
import { useViewState } from '../../ui/viewState';
import { HomeCards } from './HomeCards';
import { MoreCharts } from './MoreCharts';
import { TodayList } from './TodayList';
import { TrendChart } from './TrendChart';

/** Home reads every record its figures are made of. */
export const HOME_SOURCES = ['sales', 'customers', 'care', 'goals', 'settings', 'techniques', 'library'] as const;

interface HomeView {
  period: (typeof HOME_PERIODS)[number];
  compare: (typeof HOME_COMPARISONS)[number];
  from: string;
  to: string;
}
const INITIAL_VIEW: HomeView = { period: 'month', compare: 'previous', from: '', to: '' };

/** A custom range is asked for only once both ends are days in order. */
function homeQuery(view: HomeView, today: string): Input<'home.summary'> | null {
  if (view.period !== 'custom') return { period: view.period, compare: view.compare, asOf: today };
  const valid = (d: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(d);
  if (!valid(view.from) || !valid(view.to) || view.from > view.to) return null;
  return { period: 'custom', from: view.from, to: view.to, compare: view.compare, asOf: today };
}

/** The first screen: how the seller is doing in a period, against another, and what to do today. */
export function HomePage(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const id = useId();
  const [view, setView] = useViewState<HomeView>('home', INITIAL_VIEW);
  const query = homeQuery(view, today);
  // While a custom range is being typed, the last complete one stays on screen.
  const [lastAsked, setLastAsked] = useState<Input<'home.summary'>>(query ?? { period: 'month', asOf: today });
  if (query && JSON.stringify(query) !== JSON.stringify(lastAsked)) setLastAsked(query);
  const summary = useQuery('home.summary', query ?? lastAsked, HOME_SOURCES);
  const data = summary.data;
  // An empty book has no period to choose yet: its first steps stand alone.
  const empty = data?.hasSales === false;
  const subtitle =
    data && !empty
      ? t('home.subtitle', {
          range: format.range(data.current.from, data.current.to),
          previous: format.range(data.previous.from, data.previous.to),
        })
      : '\u00a0';

  return (
    <div className="page home">
      <header className="page-header">
        <div>
          <h1>{t('home.title')}</h1>
          <p className="page-subtitle">{subtitle}</p>
        </div>
      </header>

      <section className="home-controls" aria-label={t('home.controls')} hidden={empty}>
        <Segmented
          label={t('home.period.label')}
          value={view.period}
          onChange={(period) => {
            setView((v) => ({
              ...v,
              period,
              // A custom range starts from the period shown, to be adjusted.
              ...(period === 'custom' && v.from === '' && data ? { from: data.current.from, to: data.current.to } : {}),
            }));
          }}
          options={HOME_PERIODS.map((p) => ({ value: p, label: t(`home.period.${p}`) }))}
        />
        {view.period === 'custom' && (
          <div className="home-range">
            <div className="filter">
              <label htmlFor={`${id}-from`}>{t('home.custom.from')}</label>
              <DateInput id={`${id}-from`} value={view.from} onChange={(from) => setView((v) => ({ ...v, from }))} />
            </div>
            <div className="filter">
              <label htmlFor={`${id}-to`}>{t('home.custom.to')}</label>
              <DateInput id={`${id}-to`} value={view.to} onChange={(to) => setView((v) => ({ ...v, to }))} />
            </div>
            {query === null && (
              <p className="home-range-error" role="status">
                {t('home.custom.invalid')}
              </p>
            )}
          </div>
        )}
        <label className="filter home-compare">
          <span>{t('home.compare.label')}</span>
          <Select
            value={view.compare}
            onChange={(compare) => setView((v) => ({ ...v, compare }))}
            options={HOME_COMPARISONS.map((c) => ({ value: c, label: t(`home.compare.${c}`) }))}
          />
        </label>
      </section>

      <QueryView query={summary} failedTitle={t('home.loadFailed')}>
        {(home) => (home.hasSales ? <Dashboard home={home} /> : <FirstRun />)}
      </QueryView>
    </div>
  );
}

function Dashboard({ home }: { home: HomeSummary }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const quiet = home.cards.every((c) => c.key === 'complaints_open' || !c.value);
  return (
    <>
      {quiet && (
        <p className="notice notice-info">
          <Icon name="calendar" />
          {t('home.empty.quiet', { previous: format.range(home.previous.from, home.previous.to) })}
        </p>
      )}
      <HomeCards home={home} />
      {/* Today first: what to do comes before the charts when they stack (home.css places them side by side). */}
      <div className="home-columns">
        <TodayList />
        <div className="home-charts">
          <TrendChart home={home} metric="revenue" />
          <TrendChart home={home} metric="win_rate" />
          <div className="home-chart-pair">
            <TrendChart home={home} metric="avg_satisfaction" />
            <TrendChart home={home} metric="nps" />
          </div>
        </div>
      </div>
      <MoreCharts home={home} />
    </>
  );
}

/** An empty book: what Home will show, and the first steps to get there. */
function FirstRun(): ReactElement {
  const { t } = useTranslation();
  const { openSale } = useEditors();
  return (
    <EmptyState icon="sparkle" title={t('home.empty.title')} text={t('home.empty.text')}>
      <button type="button" className="btn btn-primary" onClick={() => openSale()}>
        <Icon name="plus" />
        {t('home.empty.newSale')}
      </button>
      <Link className="btn" to="/import?kind=sales">
        <Icon name="upload" />
        {t('home.empty.import')}
      </Link>
      <Link className="btn" to="/goals">
        <Icon name="target" />
        {t('home.empty.goal')}
      </Link>
    </EmptyState>
  );
}
