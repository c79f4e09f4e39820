export { libraryHandlers } from './handlers';
