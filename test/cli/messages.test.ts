import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIssue, formatIssues } from '../../src-main/kernel/cli/messages';
import { hasMessage, translator } from '../../src-main/shared/locales/translate';
import { ROOT } from './helpers';

describe('CLI English messages', () => {
  it('cover every validation key the schemas and services use', () => {
    // A key added to domain.ts or a service without a CLI wording (cli.issues.*) would reach
    // the terminal as "errors.somethingNew"; this fails first.
    const used = new Set<string>();
    for (const entry of readdirSync(join(ROOT, 'src-main'), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
      for (const match of text.matchAll(/['"](errors\.[A-Za-z]+)['"]/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => !hasMessage(`cli.issues.${key.slice('errors.'.length)}`))).toEqual([]);
  });

  it('name the option the user typed and pass unknown text through', () => {
    expect(formatIssues([{ path: 'closedOn', message: 'errors.closeBeforeOpen' }], { closedOn: '--date' })).toEqual([
      '  --date: the closing date cannot be before the opening date',
    ]);
    expect(describeIssue('must be at most 500')).toBe('must be at most 500');
    // openedOn and closedOn both map to --date: one line, not two.
    expect(
      formatIssues(
        [
          { path: 'openedOn', message: 'errors.date' },
          { path: 'closedOn', message: 'errors.date' },
        ],
        { openedOn: '--date', closedOn: '--date' },
      ),
    ).toHaveLength(1);
  });

  it('speak Italian when given an Italian translator, with the values filled in', () => {
    expect(
      formatIssues(
        [
          { path: 'closedOn', message: 'errors.closeBeforeOpen' },
          { path: 'limit', message: 'cli.issues.wholeNumberGot', values: { raw: 'ten' } },
        ],
        { closedOn: '--date', limit: '--limit' },
        translator('it'),
      ),
    ).toEqual([
      '  --date: la data di chiusura non può precedere quella di apertura',
      '  --limit: deve essere un numero intero (ricevuto "ten")',
    ]);
  });
});
