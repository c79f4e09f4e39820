import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src-main/kernel/files';
import { tempDir } from '../helpers/store';
import { ROOT } from '../cli/helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function* chunks(n: number, fail = false): AsyncGenerator<string> {
  for (let i = 0; i < n; i++) yield `line ${i}\n`;
  if (fail) throw new Error('disk on fire');
}

describe('writeFileAtomically', () => {
  it('writes strings, bytes and streamed chunks, and counts the bytes', async () => {
    const file = join(dir, 'out.csv');
    expect(await writeFileAtomically(file, 'città\n')).toBe(7);
    expect(readFileSync(file, 'utf8')).toBe('città\n');
    expect(await writeFileAtomically(file, chunks(3), { overwrite: true })).toBe(21);
    expect(readFileSync(file, 'utf8')).toBe('line 0\nline 1\nline 2\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('refuses an existing file unless told to overwrite', async () => {
    const file = join(dir, 'keep.csv');
    writeFileSync(file, 'precious');
    await expect(writeFileAtomically(file, 'new')).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('a failure half-way leaves the previous file intact and no temporary file', async () => {
    const file = join(dir, 'keep.csv');
    writeFileSync(file, 'precious');
    await expect(writeFileAtomically(file, chunks(1000, true), { overwrite: true })).rejects.toThrow('disk on fire');
    expect(readFileSync(file, 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['keep.csv']);
  });

  it.each([
    ['no file at all', false],
    ['the previous file intact', true],
  ])('a process killed mid-write leaves %s under the final name', async (_label, existed) => {
    const file = join(dir, 'export.csv');
    if (existed) writeFileSync(file, 'previous export');
    // A real child writing an endless stream; SIGKILL gives it no chance to clean up.
    const script = `
      import { writeFileAtomically } from ${JSON.stringify(join(ROOT, 'src-main/kernel/files.ts'))};
      async function* forever() {
        for (let i = 0; ; i++) {
          yield 'row ' + i + ',' + 'x'.repeat(100) + '\\n';
          if (i === 1000) process.stdout.write('writing\\n');
          if (i % 1000 === 0) await new Promise((r) => setTimeout(r, 1));
        }
      }
      await writeFileAtomically(${JSON.stringify(file)}, forever(), { overwrite: true });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    if (existed) expect(readFileSync(file, 'utf8')).toBe('previous export');
    else expect(existsSync(file)).toBe(false);
    // What the crash left is a hidden temp file, never something under the final name.
    const leftovers = readdirSync(dir).filter((name) => name !== 'export.csv');
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^\.export\.csv\.\d+-[0-9a-f]{12}\.tmp$/);
  });
});
