export { registerCustomers } from './cli';
export { findCustomer } from './repository';
export { generateSampleCustomers, type SampleCustomers } from './sampleData';
export { findOrCreateCustomer } from './service';
export type { CustomerData } from './service';
