import type { ChartConfiguration } from 'chart.js';
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../ui/DataTable';
import { contextOf, cssColor, drawChart, useThemeVersion, type ChartTools } from '../goals/charting';

/** The theme's chart colours (home.css maps them onto the tokens) and the font, read when a chart is drawn. */
export interface ChartTheme {
  ink: string;
  grid: string;
  series: string;
  second: string;
  pace: string;
  first: string;
  font: { family: string; size: number };
}

export interface ChartTable {
  caption: string;
  columns: { label: string; num?: boolean }[];
  /** Each row: its heading cell and the rest, as text. */
  rows: { key: string; head: string; cells: string[] }[];
}

/** What to do when a chart has nothing to draw yet: a sentence and one way there. */
export interface ChartEmpty {
  text: string;
  action: string;
  to?: string;
  onClick?: () => void;
}

/**
 * One of Home's charts: its title, a sentence saying what it shows (for everyone, screen
 * readers included), the picture (chart.js, drawn by `config` in the theme's colours) and its
 * numbers as a table a click away; or, with nothing to show, what to do next.
 */
export function ChartCard({
  name,
  title,
  label,
  summary,
  config,
  table,
  empty,
  height = 220,
}: {
  name: string;
  title: string;
  label: string;
  summary: string;
  /** The chart in the theme's colours, with chart.js's tools (asked for once chart.js has loaded). */
  config: (theme: ChartTheme, tools: ChartTools) => ChartConfiguration;
  table: ChartTable;
  empty?: ChartEmpty | null;
  height?: number;
}): ReactElement {
  const { t } = useTranslation();
  const theme = useThemeVersion();
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [open, setOpen] = useState(false);
  const tableId = useId();
  const id = `home-chart-${name}`;
  // The picture is drawn again when what it shows changes (its table's numbers) or the theme does.
  const drawn = JSON.stringify(table.rows);

  useEffect(() => {
    const context = contextOf(canvas.current);
    const element = wrapper.current;
    if (!context || !element) return;
    const color = (n: string): string => cssColor(element, n);
    return drawChart(context, (tools) =>
      config(
        {
          ink: color('--home-chart-text'),
          grid: color('--home-chart-grid'),
          series: color('--home-chart-series'),
          second: color('--home-chart-second'),
          pace: color('--home-chart-pace'),
          first: color('--home-chart-first'),
          font: { family: getComputedStyle(element).fontFamily, size: 11.5 },
        },
        tools,
      ),
    );
    // `config` is rebuilt each render; what it draws changes with the table's rows and the theme.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drawn, theme, empty == null]);

  return (
    <section className={`card home-chart home-chart-${name}`} aria-labelledby={id}>
      <div className="home-chart-head">
        <h2 id={id}>{title}</h2>
        {!empty && (
          <button
            type="button"
            className="btn btn-ghost"
            aria-expanded={open}
            aria-controls={tableId}
            onClick={() => setOpen((o) => !o)}
          >
            {t(open ? 'common.hideNumbers' : 'common.showNumbers')}
          </button>
        )}
      </div>
      {empty ? (
        <div className="home-chart-empty">
          <p>{empty.text}</p>
          {empty.to !== undefined ? (
            <Link className="btn" to={empty.to}>
              {empty.action}
            </Link>
          ) : (
            <button type="button" className="btn" onClick={empty.onClick}>
              {empty.action}
            </button>
          )}
        </div>
      ) : (
        <>
          <p className="home-chart-summary">{summary}</p>
          <div className="home-chart-canvas" ref={wrapper} style={{ height: `${height}px` }}>
            <canvas ref={canvas} role="img" aria-label={label} />
          </div>
          <div id={tableId} hidden={!open}>
            <DataTable
              className="home-table"
              wrapClassName="home-chart-table"
              caption={table.caption}
              columns={table.columns}
            >
              {table.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.head}</th>
                  {row.cells.map((cell, i) => (
                    <td key={i} className={table.columns[i + 1]?.num ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </DataTable>
          </div>
        </>
      )}
    </section>
  );
}
