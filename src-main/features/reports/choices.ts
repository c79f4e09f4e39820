/**
 * The values some of this feature's fields take, without their schemas: what the command line
 * offers and checks before anything else is loaded (contract.ts builds its schemas from them).
 */

export const REPORT_SECTIONS = [
  'goals',
  'scorecard',
  'volume',
  'quality',
  'loyalty',
  'care',
  'techniques',
  'learning',
  'journal',
] as const;

export const REPORT_COMPARES = ['previous', 'last_year'] as const;

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;

export const PAPERS = ['a4', 'letter'] as const;
