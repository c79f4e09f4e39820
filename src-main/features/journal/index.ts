export { journalHandlers } from './handlers';
export { generateSampleJournal } from './sampleData';
