import type { ReactElement } from 'react';
import type { DataEntity } from '../../api/client';
import { AreaPage, type AreaTab, type AreaViewProps } from '../../ui/AreaPage';

/** What the journal shows is made of: asked again when any of these changes. */
export const JOURNAL_SOURCES: readonly DataEntity[] = ['journal', 'techniques', 'sales', 'customers'];

/**
 * The Journal area's views, in order, each named by `journal.tabs.<key>`. A new view of the
 * area ("What works", "Experiments") adds its line here and its route in App.tsx.
 */
export const JOURNAL_TABS: readonly AreaTab[] = [
  { to: '/journal', key: 'journal', end: true },
  { to: '/journal/techniques', key: 'techniques', end: false },
  { to: '/journal/what-works', key: 'whatWorks', end: false },
  { to: '/journal/experiments', key: 'experiments', end: false },
];

/** The Journal area's frame: title, the view's own actions, and its views as links. */
export function JournalArea(props: AreaViewProps): ReactElement {
  return <AreaPage area="journal" tabs={JOURNAL_TABS} {...props} />;
}
