export { registerDemo, registerSample } from './cli';
export { generateDemo, generateSampleData, SAMPLE_SALES, SAMPLE_SEED } from './sampleData';
export { onboardingHandlers } from './handlers';
