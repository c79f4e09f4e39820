export { experimentsHandlers } from './handlers';
