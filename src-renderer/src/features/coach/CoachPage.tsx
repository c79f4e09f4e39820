import { useId, useState, type DragEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COACH_FIGURES,
  COACH_MAX_BYTES,
  coachPeriods,
  figureText,
  type CoachNote,
  type CoachReport,
  type CoachWorkspace,
} from '../../../../src-main/features/coach/contract';
import { ApiError } from '../../api/client';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { useErrorDetail } from '../../ui/errors';
import { fileName } from '../../ui/fileName';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { QueryView } from '../../ui/QueryView';
import { CoachChart } from './CoachChart';

/** A file the workspace refused, and the check's words. */
interface Refusal {
  file: string;
  message: string;
}

/**
 * The coach workspace: sellers' JSON reports opened from the dialog or dropped on the page,
 * checked in main before they are kept (coach.open), compared side by side per period, with
 * charts, goals, notes per seller and the combined summary's export. Everything a report
 * holds is shown as React text: nothing in it is ever markup.
 */
export function CoachPage(): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const detail = useErrorDetail();
  const format = useFormat();
  const workspace = useQuery('coach.list', {}, ['coach']);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  const opened = (report: CoachReport): void =>
    notify.success('coach.opened', {
      seller: report.seller || t('coach.noSeller'),
      period: format.range(report.from, report.to),
    });
  const refused = (file: string, error: unknown): Refusal => ({
    file,
    message: (error instanceof ApiError && detail(error)) || t('apiErrors.internal'),
  });

  const pick = async (): Promise<void> => {
    setBusy(true);
    try {
      const { path } = await api.call('dialog.openFile', { purpose: 'coach-report' });
      if (path === null) return;
      try {
        opened(await api.call('coach.open', { path }));
        setRefusals([]);
      } catch (error) {
        setRefusals([refused(fileName(path), error)]);
      }
    } finally {
      setBusy(false);
    }
  };

  const drop = async (event: DragEvent<HTMLElement>): Promise<void> => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    setBusy(true);
    const failed: Refusal[] = [];
    try {
      for (const file of files) {
        // Too large is said here, before a huge file is read into the page at all.
        if (file.size > COACH_MAX_BYTES) {
          failed.push({
            file: file.name,
            message: t('coach.refused.tooLarge', { file: file.name, size: file.size, limit: COACH_MAX_BYTES }),
          });
          continue;
        }
        try {
          opened(await api.call('coach.open', { name: file.name, text: await file.text() }));
        } catch (error) {
          failed.push(refused(file.name, error));
        }
      }
    } finally {
      setRefusals(failed);
      setBusy(false);
    }
  };

  const save = async (format: 'pdf' | 'csv'): Promise<void> => {
    setBusy(true);
    try {
      const { path } = await api.call('dialog.saveFile', { purpose: `coach-${format}` });
      if (path === null) return;
      const result = await api.call('coach.export', { format, path, overwrite: true });
      notify.success('coach.export.done', { path: fileName(result.path) });
    } catch (error) {
      notify.error('coach.export.failed', error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className={dragging ? 'page coach coach-dragging' : 'page coach'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => void drop(event)}
    >
      <header className="page-header">
        <div>
          <h1>{t('coach.title')}</h1>
          <p className="page-subtitle">{t('coach.lead')}</p>
        </div>
        <div className="header-actions">
          <button type="button" className="btn btn-primary" onClick={() => void pick()} disabled={busy}>
            <Icon name="folder" />
            {t('coach.open')}
          </button>
        </div>
      </header>

      <p className="coach-drop" aria-hidden="true">
        <Icon name="upload" />
        {t('coach.drop')}
      </p>

      <div role="alert" className="coach-refusals">
        {refusals.map((r, i) => (
          <div key={`${r.file}-${i}`} className="notice coach-refusal">
            <Icon name="alert" />
            <div>
              <strong>{t('coach.refusedTitle', { file: r.file })}</strong>
              <p>{r.message}</p>
            </div>
          </div>
        ))}
      </div>

      <QueryView query={workspace} failedTitle={t('apiErrors.internal')}>
        {(data) =>
          data.reports.length === 0 ? (
            <EmptyState icon="file" title={t('coach.empty.title')} text={t('coach.empty.body')} />
          ) : (
            <Workspace data={data} busy={busy} onExport={(f) => void save(f)} />
          )
        }
      </QueryView>
    </div>
  );
}

function Workspace({
  data,
  busy,
  onExport,
}: {
  data: CoachWorkspace;
  busy: boolean;
  onExport: (format: 'pdf' | 'csv') => void;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const notify = useNotify();
  const translate = (key: string, values?: Record<string, string | number | undefined>): string => t(key, values);
  const name = (seller: string): string => (seller === '' ? t('coach.noSeller') : seller);
  const periods = coachPeriods(data.reports);
  const byId = new Map(data.reports.map((r) => [r.id, r]));
  const sellers = [...new Set(data.reports.map((r) => r.seller))].sort((a, b) => a.localeCompare(b));

  const remove = async (report: CoachReport): Promise<void> => {
    try {
      await api.call('coach.remove', { id: report.id });
      notify.success('coach.removed');
    } catch (error) {
      notify.error('coach.removeFailed', error);
    }
  };

  return (
    <>
      <section className="card coach-reports" aria-labelledby="coach-reports-title">
        <h2 id="coach-reports-title">{t('coach.reports')}</h2>
        <ul className="coach-report-list">
          {data.reports.map((r) => {
            const period = format.range(r.from, r.to);
            return (
              <li key={r.id}>
                <span>
                  {t('coach.reportLine', { seller: name(r.seller), period, opened: format.dateTime(r.openedAt) })}
                </span>
                <button
                  type="button"
                  className="btn btn-ghost"
                  aria-label={t('coach.removeLabel', { seller: name(r.seller), period })}
                  onClick={() => void remove(r)}
                >
                  <Icon name="trash" />
                  {t('coach.remove')}
                </button>
              </li>
            );
          })}
        </ul>
        <div className="coach-export">
          <button type="button" className="btn" onClick={() => onExport('pdf')} disabled={busy}>
            <Icon name="download" />
            {t('coach.export.pdf')}
          </button>
          <button type="button" className="btn" onClick={() => onExport('csv')} disabled={busy}>
            <Icon name="download" />
            {t('coach.export.csv')}
          </button>
        </div>
      </section>

      {periods.map((p) => {
        const period = format.range(p.from, p.to);
        const currencies = new Set(p.rows.map((r) => r.currency));
        const goals = p.rows.flatMap((row) => (byId.get(row.id)?.document.goals ?? []).map((g) => ({ row, g })));
        return (
          <section key={`${p.from}|${p.to}`} className="coach-period" aria-labelledby={`coach-${p.from}-${p.to}`}>
            <h2 id={`coach-${p.from}-${p.to}`}>{t('coach.table.period', { period })}</h2>
            <DataTable
              className="coach-table"
              caption={t('coach.table.caption', { period })}
              columns={[
                { label: t('coach.table.figure') },
                ...p.rows.map((r) => ({ label: name(r.seller), num: true })),
              ]}
            >
              {COACH_FIGURES.map((key) => (
                <tr key={key}>
                  <th scope="row">{t(`coach.figures.${key}`)}</th>
                  {p.rows.map((r) => (
                    <td key={r.id} className="num">
                      {figureText(r, key, translate, format)}
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
            {p.rows.length > 1 && (
              <div className="coach-charts">
                {currencies.size === 1 ? (
                  <CoachChart rows={p.rows} metric="revenue" period={period} name={name} />
                ) : (
                  <p className="notice notice-info">{t('coach.charts.mixedCurrencies')}</p>
                )}
                <CoachChart rows={p.rows} metric="win_rate" period={period} name={name} />
              </div>
            )}
            {goals.length > 0 && (
              <DataTable
                className="coach-table coach-goals"
                caption={t('coach.goals.caption', { period })}
                columns={[
                  { label: t('coach.goals.seller') },
                  { label: t('coach.goals.goal') },
                  { label: t('coach.goals.status') },
                  { label: t('coach.goals.progress'), num: true },
                ]}
              >
                {goals.map(({ row, g }) => (
                  <tr key={`${row.id}-${g.id}`}>
                    <td>{name(row.seller)}</td>
                    <td>{g.title}</td>
                    <td>{t(`paceWords.${g.status}`)}</td>
                    <td className="num">
                      {g.progress === null ? t('coach.table.none') : format.percent(g.progress, 0)}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        );
      })}

      <section className="card coach-notes" aria-labelledby="coach-notes-title">
        <h2 id="coach-notes-title">{t('coach.notes.title')}</h2>
        <p className="muted">{t('coach.notes.hint')}</p>
        {sellers.map((seller) => (
          <NoteEditor
            key={seller}
            seller={seller || name(seller)}
            label={name(seller)}
            note={data.notes.find((n) => n.seller === (seller || name(seller)))}
          />
        ))}
      </section>
    </>
  );
}

function NoteEditor({ seller, label, note }: { seller: string; label: string; note?: CoachNote }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const id = useId();
  const [text, setText] = useState(note?.text ?? '');
  const [saving, setSaving] = useState(false);
  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await api.call('coach.note', { seller, text });
      notify.success('coach.notes.saved', { seller: label });
    } catch (error) {
      notify.error('coach.notes.failed', error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="coach-note">
      <label htmlFor={id}>{t('coach.notes.label', { seller: label })}</label>
      <textarea id={id} className="input textarea" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="button" className="btn" onClick={() => void save()} disabled={saving}>
        {t('coach.notes.save')}
      </button>
    </div>
  );
}
