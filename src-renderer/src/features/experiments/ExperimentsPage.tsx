import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Experiment } from '../../../../src-main/features/experiments/contract';
import type { DataEntity } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { QueryView } from '../../ui/QueryView';
import { JournalArea } from '../journal/JournalArea';
import { asTranslate } from '../whatWorks/whatWorksModel';
import { useJournalDialogs } from '../journal/JournalDialogs';
import { ConcludeDialog, DeleteExperimentDialog, NewExperimentDialog } from './ExperimentDialogs';
import { groupExperiments, progressText, resultText, stopRuleText } from './experimentModel';

/** What an experiment's progress and result are made of. */
export const EXPERIMENT_SOURCES: readonly DataEntity[] = ['experiments', 'sales', 'techniques', 'customers', 'journal'];

const SECTIONS = ['running', 'complete', 'concluded'] as const;

/** Experiments: running ones with their progress, then those awaiting a conclusion, then the concluded. */
export function ExperimentsPage(): ReactElement {
  const { t } = useTranslation();
  const list = useQuery('experiments.list', {}, EXPERIMENT_SOURCES);
  const [creating, setCreating] = useState(false);
  const [concluding, setConcluding] = useState<Experiment | null>(null);
  const [deleting, setDeleting] = useState<Experiment | null>(null);
  const newButton = (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
      <Icon name="plus" />
      {t('experiments.ui.new')}
    </button>
  );

  return (
    <JournalArea subtitle={t('experiments.ui.subtitle')} actions={newButton}>
      <QueryView query={list} failedTitle={t('experiments.ui.loadFailed')}>
        {(experiments) => {
          if (experiments.length === 0)
            return (
              <EmptyState icon="flag" title={t('experiments.ui.empty.title')} text={t('experiments.ui.empty.text')}>
                <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                  <Icon name="plus" />
                  {t('experiments.ui.new')}
                </button>
              </EmptyState>
            );
          const groups = groupExperiments(experiments);
          return SECTIONS.filter((status) => groups[status].length > 0).map((status) => (
            <section key={status} className="xp-section" aria-labelledby={`xp-${status}`}>
              <h2 id={`xp-${status}`}>
                {t(`experiments.ui.sections.${status}`)}
                <span className="xp-count">{groups[status].length}</span>
              </h2>
              <ul className="xp-list">
                {groups[status].map((experiment) => (
                  <li key={experiment.id}>
                    <ExperimentCard
                      experiment={experiment}
                      onConclude={() => setConcluding(experiment)}
                      onDelete={() => setDeleting(experiment)}
                    />
                  </li>
                ))}
              </ul>
            </section>
          ));
        }}
      </QueryView>
      {creating && <NewExperimentDialog onClose={() => setCreating(false)} />}
      {concluding && <ConcludeDialog experiment={concluding} onClose={() => setConcluding(null)} />}
      {deleting && <DeleteExperimentDialog experiment={deleting} onClose={() => setDeleting(null)} />}
    </JournalArea>
  );
}

function ExperimentCard({
  experiment,
  onConclude,
  onDelete,
}: {
  experiment: Experiment;
  onConclude: () => void;
  onDelete: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const rule = stopRuleText(experiment, format);
  const headingId = `xp-card-${experiment.id}`;
  return (
    <article className="card xp-card" aria-labelledby={headingId}>
      <header className="xp-card-header">
        <h3 id={headingId}>{experiment.technique.name}</h3>
        <span className={`badge xp-status xp-status-${experiment.status}`}>
          {t(`experiments.ui.status.${experiment.status}`)}
        </span>
      </header>
      <p className="xp-hypothesis">{experiment.hypothesis}</p>
      <dl className="xp-facts">
        <div>
          <dt>{t('experiments.ui.facts.started')}</dt>
          <dd>{format.date(experiment.startedOn)}</dd>
        </div>
        <div>
          <dt>{t('experiments.ui.facts.stop')}</dt>
          <dd>{t(rule.key, rule.values)}</dd>
        </div>
        <div>
          <dt>{t('experiments.ui.facts.segment')}</dt>
          <dd>{experiment.segment ?? t('experiments.ui.allSegments')}</dd>
        </div>
        {experiment.endedOn && (
          <div>
            <dt>{t('experiments.ui.facts.ended')}</dt>
            <dd>{format.date(experiment.endedOn)}</dd>
          </div>
        )}
      </dl>
      {experiment.status !== 'concluded' && <ExperimentProgress experiment={experiment} />}
      <p className="xp-result">{resultText(experiment, asTranslate(t))}</p>
      <footer className="xp-actions">
        {experiment.status === 'complete' && (
          <button type="button" className="btn btn-primary" onClick={onConclude}>
            <Icon name="note" />
            {t('experiments.ui.conclude.open')}
          </button>
        )}
        {experiment.conclusionEntryId !== null && <ReadConclusion entryId={experiment.conclusionEntryId} />}
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-ghost"
          onClick={onDelete}
          aria-label={t('experiments.ui.delete.label', { technique: experiment.technique.name })}
        >
          <Icon name="trash" />
          {t('common.delete')}
        </button>
      </footer>
    </article>
  );
}

/** Opens the journal entry an experiment's conclusion became. */
function ReadConclusion({ entryId }: { entryId: number }): ReactElement {
  const { t } = useTranslation();
  const { showEntry } = useJournalDialogs();
  return (
    <button type="button" className="btn" onClick={() => showEntry(entryId)}>
      <Icon name="note" />
      {t('experiments.ui.readConclusion')}
    </button>
  );
}

/** The bar and the words of how far an experiment has come. */
export function ExperimentProgress({ experiment }: { experiment: Experiment }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const progress = progressText(experiment, format);
  const fraction = Math.max(0, Math.min(1, experiment.progress.fraction));
  return (
    <div className="xp-progress">
      <span className={`xp-bar${experiment.status === 'complete' ? ' xp-bar-done' : ''}`} aria-hidden="true">
        <span className="xp-bar-fill" style={{ width: `${fraction * 100}%` }} />
      </span>
      <span className="xp-progress-text">{t(progress.key, progress.values)}</span>
    </div>
  );
}
