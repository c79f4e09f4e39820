/**
 * Normalises a person's or company's name for duplicate detection: "  Rossi, Mário " and
 * "mario rossi" both become "mario rossi". Tokens are sorted so surname-first lists match too.
 */
export function normaliseName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // "S.r.l." and "srl", "D'Amico" and "DAmico" are the same words.
      .replace(/[.'’]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .filter(Boolean)
      .sort()
      .join(' ')
  );
}
