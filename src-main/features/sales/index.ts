export { registerSales } from './cli';
export { generateSampleSales } from './sampleData';
export { salesHandlers } from './handlers';
