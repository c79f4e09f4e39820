export { trainingHandlers } from './handlers';
