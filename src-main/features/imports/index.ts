export { registerImport } from './cli';
export { detectDateFormat, parseDay } from './dates';
export { runImport } from './engine';
export { importHandlers } from './handlers';
export { detectDecimal } from './numbers';
export { openSource } from './source';
export type { SourceRecord } from './source';
