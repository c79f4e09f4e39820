import type { ReactElement } from 'react';
import type { DataEntity } from '../../api/client';
import { AreaPage, type AreaViewProps } from '../../ui/AreaPage';

/**
 * What the What works figures are made of (satisfaction and NPS come from check-ins too):
 * asked again when any of these changes.
 */
export const WHAT_WORKS_SOURCES: readonly DataEntity[] = ['sales', 'techniques', 'customers', 'products', 'care'];

/**
 * The Journal area's views this feature adds. Stand-in frame until the area's own (with the
 * Journal and Techniques views) is merged: then these tabs join its TABS and this goes.
 */
const TABS = [
  { to: '/journal/what-works', key: 'whatWorks', end: false },
  { to: '/journal/experiments', key: 'experiments', end: false },
] as const;

export function JournalViews(props: AreaViewProps): ReactElement {
  return <AreaPage area="journal" tabs={TABS} {...props} />;
}
