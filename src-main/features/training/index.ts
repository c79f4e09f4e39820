export { trainingHandlers } from './handlers';
export { registerTraining } from './cli';
export { generateSampleTraining } from './sampleData';
