export { libraryHandlers } from './handlers';
export { registerLibrary } from './cli';
export { generateSampleLibrary } from './sampleData';
