export { registerSales } from './cli';
export { createSale, deleteSale, getSale, listSales, updateSale } from './service';
