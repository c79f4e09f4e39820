import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { HIGHLIGHT_SOURCES, type HighlightImportResult } from '../../../../src-main/features/library/contract';
import type { FieldIssue } from '../../../../src-main/shared/api';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { Dialog } from '../../ui/Dialog';
import { SegmentedField } from '../../ui/Field';
import { fileName } from '../../ui/fileName';
import { FormError } from '../../ui/FormError';
import { Icon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';

export type HighlightSource = (typeof HIGHLIGHT_SOURCES)[number];

type Phase =
  | { step: 'choose' }
  | { step: 'running' }
  | { step: 'done'; name: string; result: HighlightImportResult }
  | { step: 'failed'; error: unknown };

/** The counts in the order the result lists them. */
const COUNTS = [
  'itemsCreated',
  'itemsMatched',
  'highlights',
  'notes',
  'bookmarks',
  'duplicatesSkipped',
] as const satisfies readonly (keyof HighlightImportResult)[];

/** Nothing was added when no item, highlight, note or bookmark is new (matched and skipped add nothing). */
export function addedNothing(result: HighlightImportResult): boolean {
  return result.itemsCreated + result.highlights + result.notes + result.bookmarks === 0;
}

/**
 * Highlights and notes from a Kindle's My Clippings.txt, a Goodreads library export or a
 * Readwise export: the source (with where the seller finds that file), the file picked in the
 * system dialog (or the clippings file the seller dropped on the window), the import, and what
 * it did in words. Main imports all of a file or none of it; closing before the import writes
 * nothing, and closing while it runs asks main to stop it (its one transaction is then undone).
 */
export function HighlightsImportDialog({
  dropped = null,
  onClose,
}: {
  /** A Kindle clippings file dropped on the window: Kindle and that file are already chosen. */
  dropped?: string | null;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const [source, setSource] = useState<HighlightSource>('kindle');
  const [path, setPath] = useState<string | null>(dropped);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [pickError, setPickError] = useState<unknown>(null);
  const closed = useRef(false);
  const busy = phase.step === 'running';

  const close = (): void => {
    closed.current = true;
    // A running import is stopped: nothing of it stays.
    if (busy) void api.call('library.cancelImport', {}).catch(() => undefined);
    onClose();
  };

  const choose = async (): Promise<void> => {
    setPickError(null);
    try {
      const { path: picked } = await api.call('dialog.openFile', { purpose: 'highlights' });
      if (picked === null || closed.current) return;
      setPath(picked);
      setPhase({ step: 'choose' });
    } catch (error) {
      setPickError(error);
    }
  };

  const run = async (): Promise<void> => {
    if (path === null || busy) return;
    setPhase({ step: 'running' });
    try {
      const result = await api.call('library.importHighlights', { source, path });
      if (!closed.current) setPhase({ step: 'done', name: fileName(path), result });
    } catch (error) {
      if (!closed.current) setPhase({ step: 'failed', error });
    }
  };

  const again = (): void => {
    setPath(null);
    setPhase({ step: 'choose' });
  };

  const done = phase.step === 'done';
  // The form gives way to the counts: focus goes to the button that closes them.
  const finish = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (done) finish.current?.focus();
  }, [done]);
  const footer = done ? (
    <>
      <span className="spacer" />
      <button type="button" className="btn" onClick={again}>
        {t('library.highlightsImport.another')}
      </button>
      <button ref={finish} type="button" className="btn btn-primary" onClick={close}>
        {t('library.highlightsImport.done')}
      </button>
    </>
  ) : (
    <>
      <span className="spacer" />
      <button type="button" className="btn" onClick={close}>
        {t('common.cancel')}
      </button>
      <button
        type="button"
        className="btn btn-primary"
        disabled={path === null || busy}
        aria-busy={busy || undefined}
        // A dropped file is all chosen: the import is one key away.
        data-autofocus={dropped !== null || undefined}
        onClick={() => void run()}
      >
        {busy ? (
          <>
            <Spinner />
            {t('library.highlightsImport.running')}
          </>
        ) : (
          <>
            <Icon name="upload" />
            {t('library.highlightsImport.run')}
          </>
        )}
      </button>
    </>
  );

  return (
    <Dialog
      title={t('library.highlightsImport.title')}
      description={t('library.highlightsImport.description')}
      onClose={close}
      footer={footer}
    >
      {done ? (
        <HighlightsImportResult name={phase.name} result={phase.result} />
      ) : (
        <div className="form highlights-import">
          <SegmentedField<HighlightSource>
            legend={t('library.highlightsImport.source')}
            value={source}
            disabled={busy}
            onChange={(chosen) => {
              setSource(chosen);
              if (phase.step === 'failed') setPhase({ step: 'choose' });
            }}
            options={HIGHLIGHT_SOURCES.map((value) => ({
              value,
              label: t(`library.highlightsImport.sources.${value}`),
            }))}
          />
          <div className="highlights-import-where">
            <p className="highlights-import-kind">{t(`library.highlightsImport.files.${source}`)}</p>
            <p className="muted">{t(`library.highlightsImport.where.${source}`)}</p>
          </div>
          {dropped !== null && path === dropped && source === 'kindle' && (
            <p className="highlights-import-dropped" role="note">
              <Icon name="book" />
              <span>{t('library.highlightsImport.dropped')}</span>
            </p>
          )}
          <div className="highlights-import-file" role="group" aria-label={t('library.highlightsImport.file')}>
            <Icon name="file" />
            <span className={path ? 'mono highlights-import-name' : 'muted'} title={path ?? undefined}>
              {path ? fileName(path) : t('library.highlightsImport.noFile')}
            </span>
            <button type="button" className="btn btn-compact" onClick={() => void choose()} disabled={busy}>
              {path ? t('library.highlightsImport.changeFile') : t('library.highlightsImport.chooseFile')}
            </button>
          </div>
          {pickError !== null && <FormError title={t('library.highlightsImport.pickFailed')} error={pickError} />}
          {phase.step === 'failed' && <ImportFailure error={phase.error} />}
          <p className="visually-hidden" role="status">
            {busy ? t('library.highlightsImport.running') : ''}
          </p>
        </div>
      )}
    </Dialog>
  );
}

/** What the import did, line by line in words, or that the file held nothing new. */
function HighlightsImportResult({ name, result }: { name: string; result: HighlightImportResult }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const nothing = addedNothing(result);
  return (
    <div className="highlights-import-result" role="status">
      <p className={`highlights-import-outcome${nothing ? '' : ' highlights-import-outcome-added'}`}>
        <Icon name={nothing ? 'check' : 'sparkle'} />
        <span>
          {nothing
            ? t('library.highlightsImport.nothingNew', { name })
            : t('library.highlightsImport.doneTitle', { name })}
        </span>
      </p>
      <ul className="highlights-import-counts" aria-label={t('library.highlightsImport.countsLabel')}>
        {COUNTS.map((key) => (
          <li key={key} className={result[key] === 0 ? 'muted' : undefined}>
            {t(`library.highlightsImport.counts.${key}`, {
              count: result[key],
              formatted: format.number(result[key]),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Why the file was not imported, in the seller's words, with each record that could not be read. */
function ImportFailure({ error }: { error: unknown }): ReactElement {
  const { t, i18n } = useTranslation();
  const issues: FieldIssue[] = error instanceof ApiError ? error.issues : [];
  const line = (issue: FieldIssue): string | null => {
    const at = issue.values?.line;
    return at === undefined ? null : t('library.highlightsImport.line', { line: at });
  };
  return (
    <div className="highlights-import-failure">
      <FormError title={t('library.highlightsImport.failed')} error={error} />
      {issues.length > 0 && (
        <ul className="highlights-import-problems" aria-label={t('library.highlightsImport.problemsLabel')}>
          {issues.map((issue, index) => (
            <li key={`${issue.path}:${index}`}>
              {line(issue) && <span className="mono">{line(issue)}</span>}{' '}
              {i18n.exists(issue.message) ? t(issue.message, issue.values) : issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
