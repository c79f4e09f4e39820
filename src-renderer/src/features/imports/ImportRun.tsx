import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportKind, ImportProgress, ImportResult } from '../../../../src-main/features/imports/contract';
import { useFormat } from '../../i18n/format';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Icon } from '../../ui/icons';
import { fractionDone, secondsLeft } from './importModel';
import { IssueList } from './IssueList';
import { UndoImportDialog } from './UndoImportDialog';

export type RunState =
  | { phase: 'running'; progress: ImportProgress | null }
  | { phase: 'cancelling' }
  | { phase: 'cancelled' }
  | { phase: 'done'; result: ImportResult }
  | { phase: 'failed'; error: unknown };

export interface ImportRunProps {
  state: RunState;
  kind: ImportKind;
  /** The file's name, as the user knows it. */
  file: string;
  onCancel: () => void;
  /** Back to the review of the same file (to fix something, or to see it is now all duplicates). */
  onAgain: () => void;
  onUndone: () => void;
}

/** An import under way (progress, cancel) and how it ended. */
export function ImportRun({ state, kind, file, onCancel, onAgain, onUndone }: ImportRunProps): ReactElement {
  const { t } = useTranslation();
  switch (state.phase) {
    case 'running':
    case 'cancelling':
      return (
        <Progress
          progress={state.phase === 'running' ? state.progress : null}
          cancelling={state.phase === 'cancelling'}
          onCancel={onCancel}
        />
      );
    case 'cancelled':
      return (
        <section className="card import-outcome" role="status">
          <h2>{t('import.cancelledTitle')}</h2>
          <p>{t('import.cancelledText')}</p>
          <button type="button" className="btn" onClick={onAgain}>
            {t('import.backToReview')}
          </button>
        </section>
      );
    case 'failed':
      return <ErrorPanel title={t('import.failed')} error={state.error} onRetry={onAgain} />;
    case 'done':
      return <Outcome result={state.result} kind={kind} file={file} onAgain={onAgain} onUndone={onUndone} />;
  }
}

function Progress({
  progress,
  cancelling,
  onCancel,
}: {
  progress: ImportProgress | null;
  cancelling: boolean;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const fraction = progress ? fractionDone(progress) : 0;
  const left = progress ? secondsLeft(progress) : null;
  return (
    <section className="card import-progress" aria-labelledby="import-progress-title">
      <h2 id="import-progress-title">{cancelling ? t('import.cancelling') : t('import.importing')}</h2>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby="import-progress-title"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <div className="progress-bar" style={{ width: `${fraction * 100}%` }} />
      </div>
      <p className="import-progress-facts" aria-live="polite">
        {progress ? (
          <>
            <span>{t('import.rowsRead', { count: progress.rows, formatted: format.number(progress.rows) })}</span>
            <span>{t('import.rowsPerSecond', { formatted: format.number(Math.round(progress.rowsPerSecond)) })}</span>
            {left !== null && <span>{t('import.secondsLeft', { count: left, formatted: format.number(left) })}</span>}
          </>
        ) : (
          <span>{t('import.starting')}</span>
        )}
      </p>
      <button type="button" className="btn" onClick={onCancel} disabled={cancelling}>
        {t('import.cancel')}
      </button>
    </section>
  );
}

function Outcome({
  result,
  kind,
  file,
  onAgain,
  onUndone,
}: {
  result: ImportResult;
  kind: ImportKind;
  file: string;
  onAgain: () => void;
  onUndone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const [undoing, setUndoing] = useState(false);
  const refused = result.batch_id === null && result.error_count > 0;
  const n = (count: number): { count: number; formatted: string } => ({ count, formatted: format.number(count) });

  if (refused) {
    return (
      <section className="card import-outcome import-outcome-refused" role="alert">
        <h2>{t('import.refusedTitle')}</h2>
        <p>{t('import.refusedText', n(result.error_count))}</p>
        <IssueList issues={result.errors} total={result.error_count} kind={kind} />
        <button type="button" className="btn" onClick={onAgain}>
          {t('import.backToReview')}
        </button>
      </section>
    );
  }
  return (
    <section className="card import-outcome" role="status">
      <h2>
        <Icon name="check" /> {t(`import.doneTitle.${kind}`, n(result.inserted))}
      </h2>
      <ul className="import-outcome-facts">
        {result.duplicates > 0 && <li>{t('import.doneDuplicates', n(result.duplicates))}</li>}
        {result.customers_created > 0 && <li>{t('import.doneCustomers', n(result.customers_created))}</li>}
        {result.skipped > 0 && <li>{t('import.doneSkipped', n(result.skipped))}</li>}
        {result.rejected_file && (
          <li>
            {t('import.rejectedSaved')} <span className="mono selectable">{result.rejected_file}</span>
          </li>
        )}
      </ul>
      <div className="state-actions">
        <Link className="btn btn-primary" to={kind === 'sales' ? '/sales' : '/customers'}>
          {t(`import.view.${kind}`)}
        </Link>
        <button type="button" className="btn" onClick={onAgain}>
          {t('import.backToReview')}
        </button>
        {result.batch_id !== null && (
          <button type="button" className="btn btn-danger-ghost" onClick={() => setUndoing(true)}>
            {t('import.undo')}
          </button>
        )}
      </div>
      {undoing && result.batch_id !== null && (
        <UndoImportDialog
          target={{ batchId: result.batch_id, file, kind, inserted: result.inserted }}
          onDone={onUndone}
          onCancel={() => setUndoing(false)}
        />
      )}
    </section>
  );
}
