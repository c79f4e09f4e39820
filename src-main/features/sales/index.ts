export { registerSales } from './cli';
export { salesHandlers } from './handlers';
