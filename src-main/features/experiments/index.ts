export { experimentsHandlers } from './handlers';
export { registerExperiments } from './cli';
export { generateSampleExperiments } from './sampleData';
