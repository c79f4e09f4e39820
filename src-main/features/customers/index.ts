export { registerCustomers } from './cli';
export { findCustomer } from './repository';
export { findOrCreateCustomer } from './service';
export type { CustomerData } from './service';
export { customersHandlers } from './handlers';
