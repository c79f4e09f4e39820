export { libraryHandlers } from './handlers';
export { registerLibrary } from './cli';
export { openActionDue, openDatedActions, plannedItems, setActionDue } from './learning';
export type { OpenActionRow, PlannedItemRow } from './learning';
export { setActionDone } from './service';
