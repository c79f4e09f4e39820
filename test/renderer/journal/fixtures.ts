import type { JournalEntry } from '../../../src-main/features/journal/contract';
import type { SearchHit } from '../../../src-main/features/search/contract';

export function entryFixture(patch: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 1,
    date: '2026-03-10',
    title: 'Price objection at Bianchi',
    situation: 'Second meeting, the owner said we were too expensive.',
    customer: { id: 1, name: 'Giulia Bianchi' },
    sale: {
      id: 7,
      title: 'Showroom lighting',
      status: 'won',
      closedOn: '2026-03-20',
      amountMinor: 125000,
      currency: 'EUR',
    },
    techniques: [{ id: 1, name: 'SPIN questions', description: null }],
    action: 'Asked what the current lighting costs them each month.',
    outcome: 'worked',
    learned: 'Cost of doing nothing beats a discount.',
    nextTime: 'Bring the energy numbers on paper.',
    confidence: 4,
    tags: ['price', 'objection'],
    body: 'Asked **implication** questions first.',
    experimentId: null,
    createdAt: '2026-03-10T17:00:00.000Z',
    updatedAt: '2026-03-10T17:00:00.000Z',
    ...patch,
  };
}

export function hitFixture(patch: Partial<SearchHit> = {}): SearchHit {
  return {
    kind: 'journal',
    id: 1,
    title: 'Price objection at Bianchi',
    snippet: [
      { text: 'Asked why the ', match: false },
      { text: 'città', match: true },
      { text: ' office was cold', match: false },
    ],
    date: '2026-03-10',
    customerId: 1,
    itemId: null,
    ...patch,
  };
}
