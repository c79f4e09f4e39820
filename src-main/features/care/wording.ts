import type { FollowUp } from './contract';

/**
 * Words for follow-ups outside the renderer (which has its own translations): desktop
 * notifications and calendar events, in the user's language (English or Italian).
 */
const WORDS = {
  en: {
    title: {
      check_in: (c: string) => `Check in with ${c}`,
      stay_in_touch: (c: string) => `Get in touch with ${c}`,
      reorder: (c: string) => `${c} usually reorders by now`,
      complaint: (c: string) => `${c}'s complaint is still open`,
    },
    detail: {
      check_in: (i: Extract<FollowUp, { kind: 'check_in' }>) =>
        `Day ${i.stepDays} after the sale${i.closedOn ? ` closed on ${i.closedOn}` : ''}.`,
      stay_in_touch: (i: Extract<FollowUp, { kind: 'stay_in_touch' }>) =>
        `Last contact ${i.lastContactOn}; keep in touch every ${i.idealDays} days (at most ${i.maxDays}).`,
      reorder: (i: Extract<FollowUp, { kind: 'reorder' }>) =>
        `Usually buys every ~${i.usualDays} days; last purchase ${i.lastPurchaseOn}.`,
      complaint: (i: Extract<FollowUp, { kind: 'complaint' }>) => `Open since ${i.openedOn} (${i.severity}).`,
    },
  },
  it: {
    title: {
      check_in: (c: string) => `Ricontatta ${c}`,
      stay_in_touch: (c: string) => `Fatti sentire con ${c}`,
      reorder: (c: string) => `${c} di solito riordina a quest'ora`,
      complaint: (c: string) => `Il reclamo di ${c} è ancora aperto`,
    },
    detail: {
      check_in: (i: Extract<FollowUp, { kind: 'check_in' }>) =>
        `Giorno ${i.stepDays} dopo la vendita${i.closedOn ? ` chiusa il ${i.closedOn}` : ''}.`,
      stay_in_touch: (i: Extract<FollowUp, { kind: 'stay_in_touch' }>) =>
        `Ultimo contatto ${i.lastContactOn}; sentirsi ogni ${i.idealDays} giorni (al massimo ${i.maxDays}).`,
      reorder: (i: Extract<FollowUp, { kind: 'reorder' }>) =>
        `Di solito compra ogni ~${i.usualDays} giorni; ultimo acquisto ${i.lastPurchaseOn}.`,
      complaint: (i: Extract<FollowUp, { kind: 'complaint' }>) => `Aperto dal ${i.openedOn} (${i.severity}).`,
    },
  },
} as const;

export type WordsLanguage = keyof typeof WORDS;
export const wordsLanguage = (language: string): WordsLanguage => (language.startsWith('it') ? 'it' : 'en');

/** "Check in with Ada". */
export function followUpTitle(item: Pick<FollowUp, 'kind' | 'customerName'>, language: string): string {
  return WORDS[wordsLanguage(language)].title[item.kind](item.customerName);
}

/** Why it is due, in one sentence (plus the sale's title when there is one). */
export function followUpDetail(item: FollowUp, language: string): string {
  const detail = WORDS[wordsLanguage(language)].detail;
  const why =
    item.kind === 'check_in'
      ? detail.check_in(item)
      : item.kind === 'stay_in_touch'
        ? detail.stay_in_touch(item)
        : item.kind === 'reorder'
          ? detail.reorder(item)
          : detail.complaint(item);
  return item.saleTitle ? `${item.saleTitle}\n${why}` : why;
}
