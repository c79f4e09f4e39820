import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  IMPORT_KINDS,
  ImportKind,
  type ImportOptions,
  type ImportResult,
} from '../../../../src-main/features/imports/contract';
import { useApi } from '../../api/ApiProvider';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { Spinner } from '../../ui/Spinner';
import { ImportHistory } from './ImportHistory';
import { fileName } from '../../ui/fileName';
import { ImportReview } from './ImportReview';
import { ImportRun, type RunState } from './ImportRun';
import { useImportPreview } from './useImportPreview';

/**
 * The import wizard: choose a file, check how it will be read (settings, mapping, dates, a
 * preview with every problem), then import with progress and a way back (undo in history).
 */
export function ImportPage(): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const kind = ImportKind.catch('sales').parse(params.get('kind'));
  const [file, setFile] = useState<string | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [run, setRun] = useState<RunState | null>(null);
  // Bumped to read the file again (after an import, its rows count as duplicates).
  const [version, setVersion] = useState(0);
  const { preview, error, loading } = useImportPreview(run ? null : file, kind, options, version);

  const chooseKind = (next: ImportKind): void => {
    setParams({ kind: next }, { replace: true });
    // A mapping names one kind's fields; reading settings (delimiter, dates…) still apply.
    setOptions(({ mapping: _mapping, ...reading }) => reading);
  };

  const chooseFile = async (): Promise<void> => {
    try {
      const { path } = await api.call('dialog.openFile', { purpose: 'import' });
      if (path === null) return;
      setFile(path);
      setOptions({});
      setSkipInvalid(false);
      setRun(null);
    } catch (failure) {
      notify.error('import.chooseFailed', failure);
    }
  };

  const startImport = async (): Promise<void> => {
    if (!file) return;
    setRun({ phase: 'running', progress: null });
    const off = api.subscribe('import.progress', (progress) =>
      setRun((state) => (state?.phase === 'running' ? { ...state, progress } : state)),
    );
    try {
      const result: ImportResult = await api.call('import.run', { path: file, kind, options, skipInvalid });
      setRun({ phase: 'done', result });
    } catch (failure) {
      setRun((state) => (state?.phase === 'cancelling' ? { phase: 'cancelled' } : { phase: 'failed', error: failure }));
    } finally {
      off();
    }
  };

  const cancel = async (): Promise<void> => {
    setRun({ phase: 'cancelling' });
    try {
      await api.call('import.cancel', {});
    } catch (failure) {
      notify.error('import.cancelFailed', failure);
    }
  };

  const again = (): void => {
    setRun(null);
    setVersion((v) => v + 1);
  };

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{t('import.title')}</h1>
          <p className="page-subtitle">{t('import.subtitle')}</p>
        </div>
      </header>

      <section className="card import-source" aria-labelledby="import-source">
        <h2 id="import-source" className="visually-hidden">
          {t('import.sourceTitle')}
        </h2>
        <div className="segmented" role="radiogroup" aria-label={t('import.kindLabel')}>
          {IMPORT_KINDS.map((k) => (
            <label key={k} className="segment">
              <input
                type="radio"
                name="import-kind"
                value={k}
                checked={kind === k}
                disabled={run?.phase === 'running' || run?.phase === 'cancelling'}
                onChange={() => chooseKind(k)}
              />
              <span>{t(`import.kinds.${k}`)}</span>
            </label>
          ))}
        </div>
        <div className="import-file">
          <Icon name="file" />
          {file ? (
            <span className="import-file-name" title={file}>
              {fileName(file)}
            </span>
          ) : (
            <span className="muted">{t('import.noFile')}</span>
          )}
        </div>
        <button
          type="button"
          className={file ? 'btn' : 'btn btn-primary'}
          onClick={() => void chooseFile()}
          disabled={run?.phase === 'running' || run?.phase === 'cancelling'}
        >
          {file ? t('import.changeFile') : t('import.chooseFile')}
        </button>
      </section>

      {run ? (
        <ImportRun
          state={run}
          kind={kind}
          file={fileName(file ?? '')}
          onCancel={() => void cancel()}
          onAgain={again}
          onUndone={() => setRun(null)}
        />
      ) : file === null ? (
        <p className="import-intro muted">{t(`import.intro.${kind}`)}</p>
      ) : error ? (
        <ErrorPanel title={t('import.readFailed')} error={error} onRetry={() => setVersion((v) => v + 1)} />
      ) : preview ? (
        <ImportReview
          kind={kind}
          preview={preview}
          options={options}
          onOptions={setOptions}
          skipInvalid={skipInvalid}
          onSkipInvalid={setSkipInvalid}
          onImport={() => void startImport()}
          busy={loading}
        />
      ) : (
        <div className="state-panel">
          <Spinner label={t('import.reading')} />
        </div>
      )}

      <ImportHistory />
      <p className="import-footer muted">
        <Link to="/settings">{t('import.exportHint')}</Link>
      </p>
    </div>
  );
}
