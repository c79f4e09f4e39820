/**
 * The languages Rapport speaks. Without zod (its schema is shared/domain's Language), so the
 * renderer's first screen can offer and check them without carrying the contract's schemas.
 */
export const LANGUAGES = ['en', 'it'] as const;
