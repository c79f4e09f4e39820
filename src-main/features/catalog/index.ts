export { countExisting, findProductByName, findTechniqueByName, insertProduct, insertTechnique } from './repository';
export { findOrCreateProduct, findOrCreateTechnique } from './service';
export { catalogHandlers } from './handlers';
