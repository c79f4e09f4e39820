export { readSettings, writeSettings } from './repository';
export { getSettings, updateSettings } from './service';
