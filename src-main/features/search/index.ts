export { registerSearch } from './cli';
export { searchHandlers } from './handlers';
export { matchingIds } from './service';
