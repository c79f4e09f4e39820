import { HOME_PERIODS, type HomePeriod } from '../../../../src-main/shared/periods';
import {
  REPORT_SECTIONS,
  ReportOptions,
  type Paper,
  type ReportCompare,
  type ReportFormat,
  type ReportSection,
} from '../../../../src-main/features/reports/contract';
import { periodContaining } from '../../../../src-main/shared/dates';
import type { Format } from '../../../../src-main/shared/format';
import { schemaErrors, type FieldErrors } from '../../ui/errors';

/** The same periods as Home: this week, month, quarter or year so far, or a custom range. */
export const REPORT_PERIODS = HOME_PERIODS;
export type ReportPeriodChoice = HomePeriod;
export const REPORT_COMPARE_CHOICES = ['previous', 'last_year', 'none'] as const;
export type ReportCompareChoice = (typeof REPORT_COMPARE_CHOICES)[number];
/** The most journal entries a report carries as highlights (ReportOptions' limit). */
export const MAX_HIGHLIGHTS = 50;

/** Everything the Reports screen asks, as typed (kept while the seller visits other screens). */
export interface ReportView {
  period: ReportPeriodChoice;
  from: string;
  to: string;
  compare: ReportCompareChoice;
  sections: ReportSection[];
  anonymize: boolean;
  journalText: boolean;
  journalIds: number[];
  seller: string;
  comment: string;
  paper: Paper;
  format: ReportFormat;
}

export const INITIAL_REPORT_VIEW: ReportView = {
  period: 'month',
  from: '',
  to: '',
  compare: 'previous',
  sections: [...REPORT_SECTIONS],
  anonymize: false,
  journalText: true,
  journalIds: [],
  seller: '',
  comment: '',
  paper: 'a4',
  format: 'pdf',
};

/** The days a choice covers: a calendar period up to today (as Home counts it), or the range typed. */
export function reportRange(
  view: Pick<ReportView, 'period' | 'from' | 'to'>,
  today: string,
): { from: string; to: string } {
  if (view.period === 'custom') return { from: view.from, to: view.to };
  return { from: periodContaining(today, view.period).from, to: today };
}

export type ReportRequest = { ok: true; options: ReportOptions } | { ok: false; errors: FieldErrors };

/**
 * The options the screen sends, checked by the contract's own schema (the one main applies):
 * field errors by name (from, to, sections, journalIds, seller, comment) when they do not pass.
 * The highlights kept are only those picked in the period shown.
 */
export function reportRequest(view: ReportView, today: string, inPeriod?: ReadonlySet<number>): ReportRequest {
  const { from, to } = reportRange(view, today);
  const compare: ReportCompare | null = view.compare === 'none' ? null : view.compare;
  const parsed = ReportOptions.safeParse({
    from,
    to,
    compare,
    // In the order the report prints them, whatever order they were ticked in.
    sections: REPORT_SECTIONS.filter((s) => view.sections.includes(s)),
    anonymize: view.anonymize,
    journalText: view.journalText,
    journalIds: inPeriod ? view.journalIds.filter((id) => inPeriod.has(id)) : view.journalIds,
    comment: view.comment,
    ...(view.seller.trim() !== '' && { seller: view.seller }),
  });
  return parsed.success ? { ok: true, options: parsed.data } : { ok: false, errors: schemaErrors(parsed.error.issues) };
}

/** The save dialog's purpose for a format (main maps each to kernel/filePaths' 'report'). */
export const savePurpose = (format: ReportFormat): 'report-pdf' | 'report-csv' | 'report-json' => `report-${format}`;

/** A section's name in "rows per section" (report.save's and the log's keys: the CSV files' names). */
export const rowsName = (key: string, t: (key: string) => string): string =>
  key === 'at_risk' ? t('reports.screen.atRisk') : t(`reports.sections.${key}`);

/** A file's size in kB (MB from a megabyte on), in the language's digits. */
export function sizeText(
  bytes: number,
  format: Pick<Format, 'number'>,
  t: (key: string, values: Record<string, string>) => string,
): string {
  return bytes < 1024 * 1024
    ? t('reports.screen.sizeKb', { size: format.number(Math.max(1, Math.round(bytes / 1024))) })
    : t('reports.screen.sizeMb', { size: format.number(Math.round(bytes / 104_857.6) / 10, 1) });
}

/**
 * What the log recorded about how a report was made, in words: the sections (all, or which),
 * the comparison, pseudonyms, the journal's text, the highlights, the comment, a PDF's paper.
 * The log keeps what report.save wrote (handlers.ts loggedOptions); unknown keys are skipped.
 */
export function optionsInWords(
  options: Record<string, unknown>,
  format: ReportFormat,
  t: (key: string, values?: Record<string, string | number>) => string,
): string {
  const parts: string[] = [];
  const sections = Array.isArray(options.sections) ? (options.sections as string[]) : null;
  if (sections)
    parts.push(
      sections.length === REPORT_SECTIONS.length
        ? t('reports.screen.log.allSections')
        : t('reports.screen.log.sections', {
            list: sections.map((s) => t(`reports.sections.${s}`)).join(', '),
          }),
    );
  if (options.compare === 'previous' || options.compare === 'last_year')
    parts.push(t(`reports.screen.log.compare_${options.compare}`));
  if (options.anonymize === true) parts.push(t('reports.screen.log.anonymized'));
  if (options.journal_text === false) parts.push(t('reports.screen.log.noJournalText'));
  const ids = Array.isArray(options.journal_ids) ? options.journal_ids.length : 0;
  if (ids > 0) parts.push(t('reports.screen.log.highlights', { count: ids }));
  if (options.comment === true) parts.push(t('reports.screen.log.comment'));
  // The paper matters to a PDF only.
  if (format === 'pdf' && (options.paper === 'a4' || options.paper === 'letter'))
    parts.push(t(`reports.screen.output.papers.${options.paper}`));
  return parts.join(' · ');
}
