export { countExisting } from './repository';
export { generateSampleCatalog, type SampleCatalog, type SampleProduct, type SampleTechnique } from './sampleData';
export { findOrCreateProduct } from './service';
export { catalogHandlers } from './handlers';
