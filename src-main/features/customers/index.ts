export { registerCustomers } from './cli';
export { findCustomer } from './repository';
export { generateSampleCustomers, sampleIndustry, sampleSegment, type SampleCustomers } from './sampleData';
export {
  createCustomer,
  customerDetail,
  distinctValues,
  findOrCreateCustomer,
  likelyDuplicates,
  listCustomers,
  setArchived,
  updateCustomer,
} from './service';
export type { CustomerData, CustomerMatch } from './service';
export { customersHandlers } from './handlers';
