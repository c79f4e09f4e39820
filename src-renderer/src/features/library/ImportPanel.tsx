import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FileMetadata, LibraryImportProgress, LibraryItem } from '../../../../src-main/features/library/contract';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { fileName } from '../../ui/fileName';
import { Icon, type IconName } from '../../ui/icons';
import { QueryView } from '../../ui/QueryView';
import { peopleText, useDuration } from './LibraryBits';
import { useLibraryImports, type ImportLine, type LibraryImportState, type Resolution } from './LibraryImport';
import { TableWrap } from '../../ui/TableWrap';

/** The import under way or just ended, above the library: its progress, then one line per file. */
export function ImportPanel(): ReactElement | null {
  const { state, cancel, dismiss, start } = useLibraryImports();
  const { t } = useTranslation();
  switch (state.phase) {
    case 'idle':
      return null;
    case 'running':
      return <Progress progress={state.progress} cancelling={state.cancelling} onCancel={() => void cancel()} />;
    case 'failed':
      return (
        <div className="library-import-failed">
          <ErrorPanel
            title={t('library.ui.import.failed')}
            error={state.error}
            onRetry={() => void start(state.paths, state.link)}
          />
          <button type="button" className="btn btn-ghost" onClick={dismiss}>
            {t('common.close')}
          </button>
        </div>
      );
    case 'done':
      return <Results state={state} onDismiss={dismiss} />;
  }
}

function Progress({
  progress,
  cancelling,
  onCancel,
}: {
  progress: LibraryImportProgress | null;
  cancelling: boolean;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const share = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return (
    <section className="card library-import library-import-progress" aria-labelledby={titleId}>
      <h2 id={titleId}>{cancelling ? t('library.ui.import.cancelling') : t('library.ui.import.running')}</h2>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby={titleId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share * 100)}
      >
        <div className="progress-bar" style={{ width: `${share * 100}%` }} />
      </div>
      <p className="library-import-facts" aria-live="polite">
        {progress ? (
          <>
            <span>
              {t('library.ui.import.filesDone', {
                count: progress.total,
                done: format.number(progress.done),
                total: format.number(progress.total),
              })}
            </span>
            <span>{t('library.ui.import.rate', { rate: format.number(progress.rate, 1) })}</span>
            <span>
              {progress.etaS === null
                ? t('library.ui.import.etaUnknown')
                : t('library.ui.import.eta', {
                    count: Math.ceil(progress.etaS),
                    formatted: format.number(Math.ceil(progress.etaS)),
                  })}
            </span>
          </>
        ) : (
          <span>{t('library.ui.import.starting')}</span>
        )}
      </p>
      {progress?.current && (
        <p className="library-import-current muted" title={progress.current}>
          {fileName(progress.current)}
        </p>
      )}
      <button type="button" className="btn" onClick={onCancel} disabled={cancelling}>
        {t('library.ui.import.cancel')}
      </button>
    </section>
  );
}

/** Lines shown before "show all": a folder of hundreds stays one screen until asked. */
const SHOWN = 100;

function Results({
  state,
  onDismiss,
}: {
  state: Extract<LibraryImportState, { phase: 'done' }>;
  onDismiss: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const { result, lines } = state;
  const [showAll, setAll] = useState(false);
  const all = showAll || lines.length <= SHOWN;
  const n = (count: number): { count: number; formatted: string } => ({ count, formatted: format.number(count) });
  const created = lines.filter((line) => line.status === 'created' || line.status === 'updated').length;
  const duplicates = lines.filter((line) => line.status === 'duplicate' && line.resolution === null).length;
  const failed = lines.filter((line) => line.status === 'error').length;
  return (
    <section className="card library-import library-import-results" aria-labelledby={titleId}>
      <header className="library-import-head">
        <div>
          <h2 id={titleId}>
            {result.cancelled ? t('library.ui.import.cancelledTitle') : t('library.ui.import.doneTitle')}
          </h2>
          <p className="library-import-summary" role="status">
            {[
              t('library.ui.import.created', n(created)),
              duplicates > 0 && t('library.ui.import.duplicates', n(duplicates)),
              failed > 0 && t('library.ui.import.errors', n(failed)),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {result.cancelled && <p className="muted">{t('library.ui.import.cancelledText')}</p>}
        </div>
        <button type="button" className="btn" onClick={onDismiss}>
          {t('library.ui.import.dismiss')}
        </button>
      </header>
      {lines.length === 0 ? (
        <p className="muted">{t('library.ui.import.nothing')}</p>
      ) : (
        <>
          <ul className="import-lines" aria-label={t('library.ui.import.linesLabel')}>
            {(all ? lines : lines.slice(0, SHOWN)).map((line) => (
              <ResultLine key={line.file} line={line} />
            ))}
          </ul>
          {!all && (
            <button type="button" className="btn btn-ghost library-import-more" onClick={() => setAll(true)}>
              {t('library.ui.import.showAll', n(lines.length - SHOWN))}
            </button>
          )}
        </>
      )}
    </section>
  );
}

const LINE_ICONS: Record<ImportLine['status'], IconName> = {
  created: 'check',
  updated: 'refresh',
  duplicate: 'repeat',
  error: 'alert',
};

function ResultLine({ line }: { line: ImportLine }): ReactElement {
  const { t } = useTranslation();
  const [comparing, setComparing] = useState(false);
  const previewId = useId();
  const open = line.status === 'duplicate' && line.resolution === null;
  const title = line.metadata?.title;
  const words =
    line.resolution === 'keep_existing'
      ? t('library.ui.import.keptExisting')
      : line.resolution === 'use_new' && line.status === 'updated'
        ? t('library.ui.import.usedNew')
        : line.resolution === 'keep_both' && line.status === 'created'
          ? t('library.ui.import.keptBoth')
          : line.status === 'created'
            ? t('library.ui.import.lineCreated')
            : line.status === 'updated'
              ? t('library.ui.import.usedNew')
              : line.reason
                ? t(line.reason, line.reasonValues ?? {})
                : t(`library.ui.import.status.${line.status}`);
  return (
    <li className={`import-line import-line-${line.status}`}>
      <div className="import-line-row">
        <span className="import-line-icon">
          <Icon name={LINE_ICONS[line.status]} />
        </span>
        <span className="import-line-text">
          <span className="import-line-file selectable" title={line.file}>
            {line.id !== null && line.status !== 'error' && title ? (
              <Link to={`/library/${line.id}`}>{title}</Link>
            ) : (
              (title ?? fileName(line.file))
            )}
            {title && <span className="import-line-name muted">{fileName(line.file)}</span>}
          </span>
          <span className="import-line-words">
            <span className="visually-hidden">{t(`library.ui.import.status.${line.status}`)}: </span>
            {words}
          </span>
        </span>
        {open && (
          <button
            type="button"
            className="btn btn-compact"
            aria-expanded={comparing}
            aria-controls={comparing ? previewId : undefined}
            onClick={() => setComparing((value) => !value)}
          >
            {comparing ? t('library.ui.merge.hide') : t('library.ui.merge.compare')}
          </button>
        )}
      </div>
      {open && comparing && line.id !== null && line.metadata && (
        <MergePreview id={previewId} line={line} existingId={line.id} incoming={line.metadata} />
      )}
    </li>
  );
}

/**
 * A duplicate side by side: the item already in the library and what the new file says about
 * itself, the rows that differ marked; then the seller's three choices, each importing the
 * file again with that choice.
 */
function MergePreview({
  id,
  line,
  existingId,
  incoming,
}: {
  id: string;
  line: ImportLine;
  existingId: number;
  incoming: FileMetadata;
}): ReactElement {
  const { t } = useTranslation();
  const { resolve } = useLibraryImports();
  const existing = useQuery('library.get', { id: existingId }, ['library']);
  const choose = (choice: Resolution): void => void resolve(line.file, choice);
  return (
    <div id={id} className="merge-preview">
      <QueryView query={existing} failedTitle={t('library.ui.merge.loadFailed')}>
        {(item) => <MergeTable existing={item} incoming={incoming} />}
      </QueryView>
      <p className="field-hint">{t('library.ui.merge.hint')}</p>
      <div className="merge-actions" role="group" aria-label={t('library.ui.merge.choices')}>
        <button type="button" className="btn" disabled={line.resolving} onClick={() => choose('keep_existing')}>
          {t('library.ui.merge.keepExisting')}
        </button>
        <button type="button" className="btn" disabled={line.resolving} onClick={() => choose('use_new')}>
          {t('library.ui.merge.useNew')}
        </button>
        <button type="button" className="btn" disabled={line.resolving} onClick={() => choose('keep_both')}>
          {t('library.ui.merge.keepBoth')}
        </button>
      </div>
    </div>
  );
}

function MergeTable({ existing, incoming }: { existing: LibraryItem; incoming: FileMetadata }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const word = (key: string): string => t(key);
  const text = (value: string | number | null): string =>
    value === null || value === '' ? '—' : typeof value === 'number' ? format.number(value) : value;
  const rows: [string, string, string][] = [
    [t('library.ui.fields.title'), existing.title, incoming.title],
    [
      t('library.ui.fields.people'),
      text(peopleText(existing.people, word, 5)),
      text(peopleText(incoming.people, word, 5)),
    ],
    [t('library.ui.fields.kind'), t(`library.kinds.${existing.kind}`), t(`library.kinds.${incoming.kind}`)],
    [
      t('library.ui.fields.year'),
      existing.year === null ? '—' : String(existing.year),
      incoming.year === null ? '—' : String(incoming.year),
    ],
    [t('library.ui.fields.publisher'), text(existing.publisher), text(incoming.publisher)],
    [t('library.ui.fields.language'), text(existing.language), text(incoming.language)],
    [t('library.ui.fields.isbn'), text(existing.isbn13), text(incoming.isbn13)],
    [t('library.ui.fields.pages'), text(existing.pages), text(incoming.pages)],
    [
      t('library.ui.fields.duration'),
      existing.durationS === null ? '—' : duration(existing.durationS),
      incoming.durationS === null ? '—' : duration(incoming.durationS),
    ],
    [
      t('library.ui.fields.cover'),
      existing.coverUrl ? t('library.ui.merge.hasCover') : t('library.ui.merge.noCover'),
      incoming.hasCover ? t('library.ui.merge.hasCover') : t('library.ui.merge.noCover'),
    ],
  ];
  // A fact neither side has says nothing.
  const shown = rows.filter(([, before, after]) => before !== '—' || after !== '—');
  return (
    <TableWrap className="merge-table-wrap">
      <table className="table merge-table">
        <caption className="visually-hidden">{t('library.ui.merge.caption')}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{t('library.ui.merge.existing')}</th>
            <th scope="col">{t('library.ui.merge.incoming')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(([label, before, after]) => {
            const differs = before !== after;
            return (
              <tr key={label} className={differs ? 'merge-differs' : undefined}>
                <th scope="row">
                  {label}
                  {differs && <span className="visually-hidden"> ({t('library.ui.merge.differs')})</span>}
                </th>
                <td className="selectable">{before}</td>
                <td className="selectable">{after}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {incoming.titleGuessed && <p className="field-hint">{t('library.ui.merge.titleGuessed')}</p>}
    </TableWrap>
  );
}
