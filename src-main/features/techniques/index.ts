export { techniquesHandlers } from './handlers';
export { whatWorksHandlers } from './whatWorks';
export { registerTechniqueStats } from './whatWorksCli';
export { findTechniqueByName, insertTechnique } from './repository';
export { createTechnique, findOrCreateTechnique } from './service';
export { generateSampleTechniques, type SampleTechnique } from './sampleData';
export { registerTechniques } from './cli';
