export { registerSearch } from './cli';
export { searchHandlers } from './handlers';
