import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sandboxForAll } from './helpers';

const box = sandboxForAll();

describe('rapport --help', () => {
  it.each([
    [
      [],
      'Usage: rapport [options] [command]',
      ['customers', 'sales', 'stats', 'demo', '--db <path>', '--json', 'Exit codes'],
    ],
    [['customers'], 'Usage: rapport customers', ['list']],
    [['customers', 'list'], 'Usage: rapport customers list', ['--search <text>', '--limit <n>', '--db <path>']],
    [['sales'], 'Usage: rapport sales', ['list', 'add']],
    [['sales', 'list'], 'Usage: rapport sales list', ['--status', '--from', '--to', '--limit']],
    [
      ['sales', 'add'],
      'Usage: rapport sales add',
      ['--customer <name>', '--amount <amount>', '--status', '--date', '--technique', '--lost-reason', '--json'],
    ],
    [['stats'], 'Usage: rapport stats', ['--from', '--to', '--currency', 'revenue_cents']],
    [['demo'], 'Usage: rapport demo', ['--sales <n>', '--seed <n>', '--end']],
  ])('rapport %j --help prints the usage and exits 0', (command, usage, mentions) => {
    const result = box.run([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
    for (const text of mentions) expect(result.stdout).toContain(text);
  });

  it('also answers `rapport help <command>` and --version', () => {
    expect(box.run(['help', 'stats']).stdout).toContain('Usage: rapport stats');
    expect(box.run(['sales', 'help', 'add']).stdout).toContain('Usage: rapport sales add');
    // Answered by bin/rapport.js from package.json, without loading the CLI: the same version.
    const { version: packaged } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const version = box.run([flag]);
      expect(version.code).toBe(0);
      expect(version.stdout).toBe(`${packaged}\n`);
    }
  });
});

describe('wrong usage exits 2 and touches no database', () => {
  it.each([
    ['an unknown command', ['fly'], /unknown command 'fly'/],
    ['an unknown option', ['stats', '--colour'], /unknown option '--colour'/],
    ['a missing --amount', ['sales', 'add', '--customer', 'A', '--status', 'won', '--date', '2026-01-01'], /--amount/],
    ['a missing --sales', ['demo'], /--sales/],
    ['an option without its value', ['stats', '--from'], /argument missing/],
    ['an extra argument', ['stats', 'now'], /too many arguments/],
    ['no command at all', [], /Usage: rapport/],
    ['a command group without a subcommand', ['sales'], /Usage: rapport sales/],
  ])('%s', (_label, args, message) => {
    const result = box.run(['--db', box.db, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(existsSync(box.db)).toBe(false);
  });
});
