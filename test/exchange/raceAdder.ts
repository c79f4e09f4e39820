/**
 * A child process for test/exchange/restoreRace.test.ts and bench/restoreRace.ts: runs
 * `rapport sales add` COUNT times through the CLI's own entry (src-main/cli/main.ts run: the
 * same store opening, transaction, error wording and exit code as `bin/rapport.js`, without a
 * Node start per sale), each with the note `<prefix>-<i>`, and prints one JSON line per add:
 * {note, code, stderr}. The parent restores the database meanwhile.
 *
 *   node --import tsx test/exchange/raceAdder.ts <db> <prefix> <count>
 */
import { run } from '../../src-main/cli/main';
import type { CliIO } from '../../src-main/kernel/cli/context';

const [db, prefix, countText] = process.argv.slice(2);
if (!db || !prefix || !countText) throw new Error('usage: raceAdder.ts <db> <prefix> <count>');

for (let i = 0; i < Number(countText); i++) {
  const note = `${prefix}-${i}`;
  let stderr = '';
  const io: CliIO = {
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
    env: { ...process.env, RAPPORT_LANG: 'en' },
    platform: process.platform,
    home: process.env.HOME ?? '/',
    now: () => new Date(),
    progress: false,
  };
  const args = ['--db', db, 'sales', 'add', '--customer', 'Racer', '--amount', '1', '--status', 'won'];
  const code = await run([...args, '--date', '2026-06-01', '--notes', note, '--json'], io);
  process.stdout.write(`${JSON.stringify({ note, code, stderr })}\n`);
  // A breath between commands, as between two a user types: the restore gets its turn.
  await new Promise((resolve) => setTimeout(resolve, i % 3));
}
