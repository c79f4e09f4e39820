export { registerSales } from './cli';
export { generateSampleSales } from './sampleData';
