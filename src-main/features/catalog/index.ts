export { countExisting, findProductByName, findTechniqueByName, insertProduct, insertTechnique } from './repository';
export {
  createProduct,
  createTechnique,
  findOrCreateProduct,
  findOrCreateTechnique,
  listProducts,
  listTechniques,
} from './service';
