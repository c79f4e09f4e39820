export { libraryHandlers } from './handlers';
export { registerLibrary } from './cli';
