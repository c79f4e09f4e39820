/**
 * The values some of this feature's fields take, without their schemas: what the command line
 * offers and checks before anything else is loaded (contract.ts builds its schemas from them).
 */

export const EXPORT_KINDS = ['sales', 'customers'] as const;

/**
 * How an exported CSV separates values and writes decimals: `comma` (1234.50) for English
 * spreadsheets, `semicolon` (1234,50) for Italian ones, which read a comma as the decimal mark.
 */
export const CSV_DIALECTS = ['comma', 'semicolon'] as const;
