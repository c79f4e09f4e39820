export { registerSales } from './cli';
export { generateSampleSales } from './sampleData';
export { createSale, deleteSale, getSale, listSales, updateSale } from './service';
