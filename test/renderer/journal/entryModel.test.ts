import { describe, expect, it } from 'vitest';
import { bodyExcerpt } from '../../../src-renderer/src/features/journal/entryModel';

describe('an entry’s excerpt on the timeline', () => {
  it('reads Markdown as plain text, keeping the breaks between a heading, paragraphs and list items', () => {
    const body = [
      '## What happened',
      '',
      'I asked **implication** questions before talking money:',
      '- how many hours the lights are on',
      '- what the last bill was',
      '',
      'Then the [calculator](https://example.com) did the rest.',
    ].join('\n');
    expect(bodyExcerpt(body)).toBe(
      'What happened · I asked implication questions before talking money: how many hours the lights are on · ' +
        'what the last bill was · Then the calculator did the rest.',
    );
  });

  it('cuts a long body at the limit with an ellipsis', () => {
    const excerpt = bodyExcerpt('word '.repeat(100), 40);
    expect(excerpt.length).toBeLessThanOrEqual(40);
    expect(excerpt.endsWith('…')).toBe(true);
  });
});
