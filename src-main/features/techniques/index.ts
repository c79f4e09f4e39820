export { techniquesHandlers } from './handlers';
export { findTechniqueByName, insertTechnique } from './repository';
export { findOrCreateTechnique } from './service';
