import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'preview-web.mjs');

describe('npm run preview:web', () => {
  beforeAll(() => void ensureBuilt(), 300_000);

  it('rejects a bad --port with a clear message', () => {
    const result = spawnSync(process.execPath, [script, '--no-build', '--port', 'abc'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--port must be 0-65535');
  });

  it('rejects unknown options', () => {
    const result = spawnSync(process.execPath, [script, '--no-build', '--host', '0.0.0.0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Unknown option '--host'/);
  });

  // Serves the production build (npm test builds before running vitest; a lone run builds here).
  it('prints the URL with the secret, serves it, and stops cleanly on SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-preview-cli-'));
    const db = join(dir, 'cli.sqlite');
    const child = spawn(process.execPath, [script, '--no-build', '--port', '0', '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /Open:\s+(\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#rapport-token=[A-Za-z0-9_-]{43}$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/__rapport/preload.js');
      expect(existsSync(db)).toBe(true);

      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
