export { registerDemo, registerSample } from './cli';
export { generateDemo, generateSampleData } from './sampleData';
export { SAMPLE_SALES, SAMPLE_SEED } from './choices';
export { onboardingHandlers } from './handlers';
