import type { ReactElement } from 'react';
import { AreaPage, type AreaViewProps } from '../../ui/AreaPage';

const TABS = [
  { to: '/followups', key: 'todo', end: true },
  { to: '/followups/at-risk', key: 'atRisk', end: false },
  { to: '/followups/complaints', key: 'complaints', end: false },
] as const;

/** The Follow-ups area's frame: title, the view's own actions, and the three views as links. */
export function CarePage(props: AreaViewProps): ReactElement {
  return <AreaPage area="care" tabs={TABS} {...props} />;
}
