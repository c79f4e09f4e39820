export { readSettings, writeSettings } from './repository';
export { getSettings, updateSettings } from './service';
export { settingsHandlers } from './handlers';
