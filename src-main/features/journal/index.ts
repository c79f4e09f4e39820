export { journalHandlers } from './handlers';
export { generateSampleJournal } from './sampleData';
export { registerJournal } from './cli';
export { createEntry } from './service';
