export { countExisting } from './repository';
export { generateSampleCatalog, type SampleCatalog, type SampleProduct, type SampleTechnique } from './sampleData';
export {
  createProduct,
  createTechnique,
  findOrCreateProduct,
  findOrCreateTechnique,
  listProducts,
  listTechniques,
} from './service';
