import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '../../api/useQuery';
import { EXPERIMENT_SOURCES, ExperimentProgress } from './ExperimentsPage';

/**
 * The experiments under way, compact, for the top of the journal screen: each with its
 * progress, and those whose stop rule is met with a way to write their conclusion. Nothing
 * at all when none is running (a failure to load is said on the Experiments view itself).
 */
export function RunningExperiments(): ReactElement | null {
  const { t } = useTranslation();
  const list = useQuery('experiments.list', {}, EXPERIMENT_SOURCES);
  const open = (list.data ?? []).filter((e) => e.status !== 'concluded');
  if (open.length === 0) return null;
  return (
    <section className="card xp-running" aria-labelledby="xp-running">
      <header className="xp-running-header">
        <h2 id="xp-running">{t('experiments.ui.running.title', { count: open.length })}</h2>
        <Link to="/journal/experiments">{t('experiments.ui.running.all')}</Link>
      </header>
      <ul className="xp-running-list">
        {open.map((experiment) => (
          <li key={experiment.id}>
            <span className="xp-running-name">{experiment.technique.name}</span>
            <ExperimentProgress experiment={experiment} />
            {experiment.status === 'complete' && (
              <Link className="xp-running-conclude" to="/journal/experiments">
                {t('experiments.ui.running.conclude')}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
