/**
 * The values some of this feature's fields take, without their schemas: what the command line
 * offers and checks before anything else is loaded (contract.ts builds its schemas from them).
 */

export const COACH_EXPORT_FORMATS = ['pdf', 'csv'] as const;
