export { registerSales } from './cli';
