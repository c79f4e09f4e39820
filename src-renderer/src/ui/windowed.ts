import { lazyNamed } from '../shell/lazyNamed';

/**
 * What long tables (RowsTable) and long lists (LongList) share: the virtualizer, which loads with
 * the first of them, not with the first screen, and the length past which only the items near
 * the window are drawn (up to 100, every one).
 */
export const VirtualItems = lazyNamed(() => import('./VirtualItems'), 'VirtualItems');
export const VIRTUAL_FROM = 101;
