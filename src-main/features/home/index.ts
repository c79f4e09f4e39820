export { homeHandlers } from './handlers';
export { grainOf, homePeriods, homeSummary } from './service';
