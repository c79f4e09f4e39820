import type { HomeCard, HomeCardKey, HomeSummary } from '../../../../src-main/features/home/contract';
import type { Format } from '../../../../src-main/shared/format';

/** Where a card leads: the records behind its figure. */
export function cardLink(key: HomeCardKey, range: { from: string; to: string }): string {
  const sales = (statuses: string): string =>
    `/sales?${new URLSearchParams({ ...range, status: statuses }).toString()}`;
  switch (key) {
    case 'revenue':
    case 'deals_won':
    case 'avg_deal':
    case 'repeat_revenue_share':
      return sales('won');
    case 'win_rate':
    case 'avg_satisfaction':
    case 'nps':
      return sales('won,lost');
    case 'new_customers':
    case 'repeat_customers':
      return '/customers';
    case 'complaints_open':
      return '/followups/complaints';
  }
}

/** How a figure reads: money in its currency, rates as percentages, scores with their decimals. */
export function figureText(card: Pick<HomeCard, 'key' | 'currency'>, value: number, format: Format): string {
  switch (card.key) {
    case 'revenue':
    case 'avg_deal':
      return format.money(value, card.currency ?? 'EUR');
    case 'win_rate':
    case 'repeat_revenue_share':
      return format.percent(value);
    case 'avg_satisfaction':
      return format.number(value, 1);
    case 'nps':
      return format.number(Math.round(value));
    default:
      return format.number(value);
  }
}

/** Whether a rise is good news (more complaints open is not). */
export const higherIsBetter = (key: HomeCardKey): boolean => key !== 'complaints_open';

export type Direction = 'up' | 'down' | 'same';

/**
 * The change as shown beside the figure: relative (%) for money and counts, in percentage
 * points for rates, in the figure's own unit for scores (satisfaction, NPS) and for a count
 * that was 0 before. Null when there is nothing to compare with.
 */
export function changeText(
  card: HomeCard,
  format: Format,
): { direction: Direction; text: string; unit: 'relative' | 'points' | 'absolute' } | null {
  if (card.change === null || card.previous === null) return null;
  const direction: Direction = card.change > 1e-9 ? 'up' : card.change < -1e-9 ? 'down' : 'same';
  const size = Math.abs(card.change);
  if (card.key === 'win_rate' || card.key === 'repeat_revenue_share')
    return { direction, text: format.number(Math.round(size * 1000) / 10), unit: 'points' };
  if (card.key === 'avg_satisfaction') return { direction, text: format.number(size, 1), unit: 'absolute' };
  if (card.key === 'nps') return { direction, text: format.number(Math.round(size)), unit: 'absolute' };
  if (card.relative !== null) return { direction, text: format.percent(Math.abs(card.relative)), unit: 'relative' };
  return { direction, text: figureText(card, size, format), unit: 'absolute' };
}

/** A trend bucket's name: a day, a week by its dates, or a month. */
export function bucketLabel(bucket: { from: string; to: string }, grain: HomeSummary['grain'], format: Format): string {
  if (grain === 'day') return format.date(bucket.from);
  if (grain === 'week') return format.range(bucket.from, bucket.to);
  const month = new Intl.DateTimeFormat(format.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return month.format(new Date(`${bucket.from}T00:00:00Z`));
}

/** The money cards of one currency, the others of none: the cards in the order shown. */
export function visibleCards(summary: HomeSummary): HomeCard[] {
  const main = summary.currencies[0];
  return summary.cards.filter((c) => c.currency === null || c.currency === main);
}

/** Money cards in the other currencies, shown as a second line of their card. */
export function otherCurrencies(summary: HomeSummary, key: HomeCardKey): HomeCard[] {
  const main = summary.currencies[0];
  return summary.cards.filter((c) => c.key === key && c.currency !== null && c.currency !== main);
}
