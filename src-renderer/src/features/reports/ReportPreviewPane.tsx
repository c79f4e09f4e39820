import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../src-main/shared/api';
import type { Paper, ReportFormat, ReportPreview } from '../../../../src-main/features/reports/contract';
import { useApi } from '../../api/ApiProvider';
import { useDebounced } from '../../hooks/useDebounced';
import { useDescribeError, useErrorDetail } from '../../ui/errors';
import { Icon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { RowsList } from './RowsList';

/** How long the options must rest before the preview is made again. */
export const PREVIEW_DEBOUNCE_MS = 400;
/** The sheet's width on screen in CSS pixels (html.ts draws the body this wide), with its grey border. */
const SHEET_PX: Readonly<Record<Paper, number>> = { a4: (210 / 25.4) * 96, letter: 8.5 * 96 };
const FRAME_GUTTER = 32;

/**
 * The report exactly as it will print: the page report.preview makes with the one template
 * (html.ts), in a sandboxed frame (no script, no network: sandbox="" and the page's own CSP),
 * scaled to fit the pane, every section of it scrolling inside. Remade, debounced, when the
 * options change; the last one stays (dimmed) while the next is made.
 */
export function ReportPreviewPane({
  request,
  paper,
  format,
}: {
  request: Input<'report.preview'> | null;
  paper: Paper;
  format: ReportFormat;
}): ReactElement {
  const { t } = useTranslation();
  const preview = usePreview(request);
  const describe = useDescribeError();
  const detail = useErrorDetail();
  const pane = useRef<HTMLDivElement>(null);
  const [paneWidth, setPaneWidth] = useState(0);
  useEffect(() => {
    const element = pane.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setPaneWidth(entry!.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const frameWidth = Math.ceil(SHEET_PX[paper] + FRAME_GUTTER);
  const scale = paneWidth > 0 ? Math.min(1, paneWidth / frameWidth) : 1;

  return (
    <section className="card reports-preview" aria-labelledby="reports-preview-title" aria-busy={preview.loading}>
      <header className="reports-preview-head">
        <h2 id="reports-preview-title">{t('reports.screen.preview.title')}</h2>
        <span className="reports-preview-status" role="status">
          {request === null ? (
            t('reports.screen.preview.invalid')
          ) : preview.loading ? (
            <>
              <Spinner /> {t('reports.screen.preview.loading')}
            </>
          ) : preview.error ? null : (
            t('reports.screen.preview.ready')
          )}
        </span>
      </header>
      <p className="field-hint">
        {t(format === 'pdf' ? 'reports.screen.preview.hintPdf' : `reports.screen.preview.hint_${format}`, {
          paper: t(`reports.screen.output.papers.${paper}`),
        })}
      </p>
      {request?.options.anonymize && <p className="field-hint">{t('reports.screen.preview.pseudonyms')}</p>}
      {preview.error !== null && (
        <div className="notice notice-error" role="alert">
          <Icon name="alert" />
          <div>
            <strong>{t('reports.screen.preview.failed')}</strong>
            <p>{detail(preview.error) ?? describe(preview.error)}</p>
          </div>
        </div>
      )}
      {preview.data && <RowsList rows={preview.data.rows} />}
      <div className="reports-sheet-pane" ref={pane}>
        {preview.data && (
          <div className="reports-sheet-scaler" style={{ width: frameWidth * scale }}>
            <iframe
              className={`reports-sheet${preview.loading ? ' is-stale' : ''}`}
              title={t('reports.screen.preview.frame')}
              sandbox=""
              srcDoc={preview.data.html}
              style={{ width: frameWidth, transform: `scale(${scale})`, height: `${100 / scale}%` }}
            />
          </div>
        )}
      </div>
    </section>
  );
}

interface PreviewState {
  data: ReportPreview | undefined;
  error: unknown;
  loading: boolean;
}

/** report.preview for the newest options once they rest; again when the records change. */
function usePreview(request: Input<'report.preview'> | null): PreviewState {
  const api = useApi();
  const key = request === null ? null : JSON.stringify(request);
  const settled = useDebounced(key, PREVIEW_DEBOUNCE_MS);
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<{ key: string | null; data?: ReportPreview; error: unknown }>({
    key: null,
    error: null,
  });
  useEffect(() => api.onDataChanged(() => setVersion((v) => v + 1)), [api]);
  useEffect(() => {
    if (settled === null) return;
    let current = true;
    const asked = `${settled}|${version}`;
    // Options changed again, or the screen went: the report no longer wanted stops (issue 14).
    const asking = new AbortController();
    api.call('report.preview', JSON.parse(settled) as Input<'report.preview'>, { signal: asking.signal }).then(
      (data) => current && setResult({ key: asked, data, error: null }),
      (error: unknown) => current && setResult((previous) => ({ key: asked, data: previous.data, error })),
    );
    return () => {
      current = false;
      asking.abort();
    };
  }, [api, settled, version]);
  const done = key !== null && result.key === `${key}|${version}`;
  return {
    data: result.data,
    error: done ? result.error : null,
    loading: key !== null && !done,
  };
}
