/**
 * The values some of this feature's fields take, without their schemas: what the command line
 * offers and checks before anything else is loaded (contract.ts builds its schemas from them).
 */

export const LIBRARY_KINDS = ['book', 'ebook', 'audiobook', 'video', 'audio', 'seminar', 'article'] as const;

export const LIBRARY_STATUSES = ['want', 'in_progress', 'done', 'abandoned'] as const;
