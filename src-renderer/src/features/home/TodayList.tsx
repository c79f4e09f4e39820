import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { useToday } from '../../hooks/useToday';
import { useFormat } from '../../i18n/format';
import { QueryView } from '../../ui/QueryView';
import { useCareText } from '../care/careText';

/** How many of each kind the list shows; the link beneath opens the rest. */
const FIRST = 4;

/** What to do today: the follow-ups due, the goals behind pace, the experiments running. */
export function TodayList(): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const care = useCareText();
  const followUps = useQuery('care.followups.list', { asOf: today, limit: FIRST }, ['care', 'sales', 'customers']);
  const goals = useQuery('goals.list', { status: ['behind', 'at_risk'] }, ['goals', 'sales', 'care']);
  const experiments = useQuery('experiments.list', undefined, ['experiments', 'sales', 'techniques']);
  const n = (value: number): string => format.number(value);

  return (
    <section className="card home-today" aria-labelledby="home-today">
      <h2 id="home-today">{t('home.today.title')}</h2>

      <Group title={t('home.today.followUps')} link="/followups" linkText={t('home.today.allFollowUps')}>
        <QueryView query={followUps} failedTitle={t('home.today.loadFailed')}>
          {(list) => {
            const due = [...list.overdue, ...list.today].slice(0, FIRST);
            const more = list.counts.overdue + list.counts.today - due.length;
            if (due.length === 0) return <p className="muted">{t('home.today.followUpsNone')}</p>;
            return (
              <>
                <ul className="home-today-list">
                  {due.map((item) => (
                    <li key={item.id}>
                      <span className="home-today-name">{item.customerName}</span>
                      <span className="home-today-meta">
                        {care.kind(item.kind)} · {care.due(item.daysOverdue)}
                      </span>
                    </li>
                  ))}
                </ul>
                {more > 0 && (
                  <p className="muted home-today-more">
                    {t('home.today.followUpsMore', { count: more, formatted: n(more) })}
                  </p>
                )}
              </>
            );
          }}
        </QueryView>
      </Group>

      <Group title={t('home.today.goalsBehind')} link="/goals" linkText={t('home.today.allGoals')}>
        <QueryView query={goals} failedTitle={t('home.today.loadFailed')}>
          {(list) => {
            const behind = list.items.filter((g) => g.phase === 'active');
            if (behind.length === 0) return <p className="muted">{t('home.today.goalsNone')}</p>;
            return (
              <ul className="home-today-list">
                {behind.slice(0, FIRST).map((g) => (
                  <li key={g.goal.id}>
                    <Link className="home-today-name" to={`/goals/${g.goal.id}`}>
                      {g.goal.title}
                    </Link>
                    <span className={`home-today-meta status-${g.pace.status}`}>{t(`paceWords.${g.pace.status}`)}</span>
                  </li>
                ))}
              </ul>
            );
          }}
        </QueryView>
      </Group>

      <Group title={t('home.today.experiments')} link="/journal/experiments" linkText={t('home.today.allExperiments')}>
        <QueryView query={experiments} failedTitle={t('home.today.loadFailed')}>
          {(list) => {
            const running = list.filter((e) => e.status === 'running');
            if (running.length === 0) return <p className="muted">{t('home.today.experimentsNone')}</p>;
            return (
              <ul className="home-today-list">
                {running.slice(0, FIRST).map((e) => (
                  <li key={e.id}>
                    <span className="home-today-name">{e.technique.name}</span>
                    <span className="home-today-meta">
                      {e.progress.target !== null
                        ? t('home.today.experimentProgress', {
                            deals: n(e.progress.deals),
                            target: n(e.progress.target),
                          })
                        : t('home.today.experimentDays', {
                            count: e.progress.daysLeft ?? 0,
                            formatted: n(e.progress.daysLeft ?? 0),
                          })}
                    </span>
                  </li>
                ))}
              </ul>
            );
          }}
        </QueryView>
      </Group>
    </section>
  );
}

function Group({
  title,
  link,
  linkText,
  children,
}: {
  title: string;
  link: string;
  linkText: string;
  children: ReactNode;
}): ReactElement {
  return (
    <div className="home-today-group">
      <div className="home-today-head">
        <h3>{title}</h3>
        <Link to={link} className="home-today-all">
          {linkText}
        </Link>
      </div>
      {children}
    </div>
  );
}
