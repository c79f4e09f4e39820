import Database from 'better-sqlite3';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { underBuildLock } from '../helpers/build';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = join(ROOT, 'out', 'cli', 'main.js');
const BIN = join(ROOT, 'bin', 'rapport.js');

/** The newest mtime among what goes into the CLI bundle: the sources and the message catalogue (JSON). */
function newestSource(): number {
  let newest = 0;
  for (const entry of readdirSync(join(ROOT, 'src-main'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.(ts|json)$/.test(entry.name)) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  for (const file of ['vite.cli.config.ts', 'package.json'])
    newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

/**
 * The tests run the built CLI, as a user would. `npm test` builds first; when run alone
 * (`npx vitest run test/cli`) this builds out/cli if it is missing or older than the sources,
 * under a lock so that no test file runs the CLI while another rewrites the bundle.
 */
export function ensureCliBuilt(): void {
  underBuildLock('.cli-build.lock', () => {
    if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newestSource()) {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts'],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
    }
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  dir: string;
  /** A database path inside the sandbox (not created). */
  db: string;
  /** Runs `node bin/rapport.js ...args` with a HOME inside the sandbox. */
  run(args: readonly string[], env?: Record<string, string | undefined>): CliResult;
  cleanup(): void;
}

/**
 * A temp folder that is also the child's HOME / XDG_CONFIG_HOME / APPDATA, and no inherited
 * RAPPORT_DB: a test that forgets --db must never reach the developer's real database.
 */
export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  const baseEnv: Record<string, string | undefined> = {
    ...process.env,
    RAPPORT_DB: undefined,
    HOME: dir,
    USERPROFILE: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    APPDATA: join(dir, 'appdata'),
    NO_COLOR: '1',
  };
  return {
    dir,
    db: join(dir, 'rapport.sqlite'),
    run(args, env = {}) {
      const merged = Object.fromEntries(
        Object.entries({ ...baseEnv, ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined),
      );
      const result = spawnSync(process.execPath, [BIN, ...args], { env: merged, encoding: 'utf8', timeout: 120_000 });
      if (result.error) throw result.error;
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * For the calling file (or describe block): the CLI built, and one sandbox that all its tests
 * share, removed after the last of them.
 */
export function sandboxForAll(): Sandbox {
  const box = {} as Sandbox;
  beforeAll(() => {
    ensureCliBuilt();
    Object.assign(box, sandbox());
  });
  afterAll(() => box.cleanup());
  return box;
}

/** For the calling file: the CLI built, and a fresh sandbox for each test, removed after it. */
export function sandboxForEachTest(): Sandbox {
  const box = {} as Sandbox;
  beforeAll(() => ensureCliBuilt());
  beforeEach(() => {
    Object.assign(box, sandbox());
  });
  afterEach(() => box.cleanup());
  return box;
}

/** Reads a database the CLI wrote, independently of the app's code. */
export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function counts(
  file: string,
): Record<'customers' | 'sales' | 'products' | 'techniques' | 'sale_techniques', number> {
  const one = (table: string): number => query<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
  return {
    customers: one('customers'),
    sales: one('sales'),
    products: one('products'),
    techniques: one('techniques'),
    sale_techniques: one('sale_techniques'),
  };
}
