import { createReadStream, existsSync } from 'node:fs';
import { chmod, lstat, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from './errors';

/**
 * node:crypto, loaded when a file is first written or hashed: most commands only read, and
 * loading it was a few milliseconds of every `rapport` run (it is not among Node's start-up modules).
 */
const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

/**
 * Files the user keeps (exports, backups, restored databases) are never written in place:
 * a crash, a full disk or a kill halfway would leave half a file under the name the user
 * trusts. They are written to a temporary name in the same folder (so the rename cannot
 * cross file systems), flushed to disk, and renamed over the final name in one step.
 */

export interface AtomicOptions {
  /** Replace an existing file; without it an existing file is refused, untouched. */
  overwrite?: boolean;
}

/**
 * A hidden, unique name next to `file`: `.<name>.<pid>-<12 hex>.tmp`. Leftovers of a crash are
 * recognisable by the shape, and the process id says whether their writer can still be alive
 * (sweepLeftovers).
 */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${crypto().randomBytes(6).toString('hex')}.tmp`);
}

/** Refuses `file` if it is there: a caller with slow work to do before writing asks first, and the write asks again. */
export function refuseExisting(file: string): void {
  if (existsSync(file)) {
    throw new AppError('conflict', 'failures.fileExists', undefined, { file });
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Lets `produce` create the file at a temporary path, then makes it readable by its owner only
 * (0600: a seller's customers and sales are nobody else's business on a shared computer),
 * durable, and gives it the final name. On any failure the temporary file is removed and
 * `file` is as it was. Used directly where something else writes the file (SQLite's backup API).
 */
export async function produceFileAtomically(
  file: string,
  produce: (tempPath: string) => Promise<void>,
  options: AtomicOptions = {},
): Promise<void> {
  if (!options.overwrite) refuseExisting(file);
  const temp = tempPathFor(file);
  try {
    await produce(temp);
    await chmod(temp, 0o600);
    await fsyncPath(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The rename itself lives in the folder's entry list; flush it too where the OS lets us
  // open a folder (not Windows, where NTFS journals the rename).
  await fsyncPath(dirname(file)).catch(() => undefined);
}

/**
 * Writes `content` — a string, bytes, or chunks produced as they are written (so a large
 * export never sits in memory whole) — atomically to `file`. Returns the bytes written.
 */
export async function writeFileAtomically(
  file: string,
  content: string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: AtomicOptions = {},
): Promise<number> {
  let bytes = 0;
  await produceFileAtomically(
    file,
    async (temp) => {
      // 'wx': a temp name that somehow exists is never followed or clobbered.
      const handle = await open(temp, 'wx', 0o600);
      try {
        const chunks = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
        for await (const chunk of chunks) {
          const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          // writeFile loops over short writes, which a plain write() would leave to us.
          await handle.writeFile(buffer);
          bytes += buffer.byteLength;
        }
      } finally {
        await handle.close();
      }
    },
    options,
  );
  return bytes;
}

/** Where the checksum of a backup lives: `<file>.sha256`, in the format `sha256sum -c` reads. */
export const checksumPathFor = (file: string): string => `${file}.sha256`;

/** The SHA-256 of a file's bytes, read as a stream (a backup may be hundreds of megabytes). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto().createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes `<file>.sha256` atomically for the file's current bytes, or for `digest` when given. */
export async function writeChecksumFor(file: string, digest?: string): Promise<void> {
  const hex = digest ?? (await sha256OfFile(file));
  await writeFileAtomically(checksumPathFor(file), `${hex}  ${basename(file)}\n`, { overwrite: true });
}

/**
 * The checksum recorded next to `file`: null when there is none (a backup made by an older
 * version or another tool), 'unreadable' when the file is there but holds no SHA-256.
 */
export async function readChecksumFor(file: string): Promise<string | null | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(checksumPathFor(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return 'unreadable';
  }
  const match = /^([0-9a-fA-F]{64})(\s|$)/.exec(text.trim());
  return match ? match[1]!.toLowerCase() : 'unreadable';
}

export interface SweepOptions {
  now?: () => Date;
  /**
   * Age after which a leftover whose writer may still be running (its process id is alive, or
   * its name carries none) is taken as abandoned. An hour: far longer than any backup or restore
   * takes, since a file being written keeps its modification time fresh.
   */
  safeAgeMs?: number;
  /** Whether a process id is alive; process.kill(pid, 0) by default. */
  isAlive?: (pid: number) => boolean;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what killed writers left next to the database `dbFile`, and nothing else:
 * - temp files of tempPathFor for the database itself (a restore's staged copy) or for a file
 *   named after it (a pre-migration snapshot, the copy kept aside by a restore, a backup written
 *   next to it): `.<db name>[.<anything>].<pid>-<12 hex>.tmp`, with the -journal, -wal and -shm
 *   SQLite may have made beside them; also the older `.<…>.<12 hex>.tmp` shape;
 * - a pre-migration snapshot written in place by older versions and killed half-way: the
 *   `<db name>.v<N>-before-v<M>-<time>.bak` that still has its hot `-journal` beside it (it opens
 *   as an empty database), together with that journal.
 * - in the automatic backups' folder (`<db name>.backups/`, db/backupFolder.ts), any temp file
 *   of tempPathFor with its -journal, -wal and -shm: a backup killed half-way.
 * A group (a file and its -journal/-wal/-shm) goes when its writer is provably gone — the process
 * id in its name is not running — or when all of it is older than `safeAgeMs`. Returns the
 * names removed. Never throws: a sweep that cannot finish leaves the rest for the next start.
 */
export async function sweepLeftovers(dbFile: string, options: SweepOptions = {}): Promise<string[]> {
  const base = escapeRegExp(basename(dbFile));
  const temp = new RegExp(`^(\\.${base}(?:\\..+)?\\.(?:(\\d+)-)?[0-9a-f]{12}\\.tmp)(-journal|-wal|-shm)?$`);
  const snapshot = new RegExp(`^(${base}\\.v\\d+-before-v\\d+-[0-9TZ-]+\\.bak)(-journal)?$`);
  const folder = `${basename(dbFile)}.backups`;
  const inFolder = /^(\.[^/]+\.(\d+)-[0-9a-f]{12}\.tmp)(-journal|-wal|-shm)?$/;
  const beside = await sweepDirectory(dirname(dbFile), temp, snapshot, options);
  const backups = await sweepDirectory(join(dirname(dbFile), folder), inFolder, null, options);
  return [...beside, ...backups.map((name) => `${folder}/${name}`)];
}

/** One folder's part of sweepLeftovers: `temp` names killed writes' files, `snapshot` old half-made snapshots. */
async function sweepDirectory(
  dir: string,
  temp: RegExp,
  snapshot: RegExp | null,
  options: SweepOptions,
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const groups = new Map<string, { pid: number | null; members: string[]; snapshot: boolean }>();
  for (const name of names) {
    const t = temp.exec(name);
    const s = t ? null : snapshot?.exec(name);
    const stem = t?.[1] ?? s?.[1];
    if (!stem) continue;
    const group = groups.get(stem) ?? { pid: t?.[2] ? Number(t[2]) : null, members: [], snapshot: !!s };
    group.members.push(name);
    groups.set(stem, group);
  }
  const now = (options.now ?? (() => new Date()))().getTime();
  const safeAge = options.safeAgeMs ?? 60 * 60 * 1000;
  const isAlive = options.isAlive ?? processIsAlive;
  const removed: string[] = [];
  for (const [stem, group] of groups) {
    // A snapshot is a leftover only while its rollback journal is hot beside it.
    if (group.snapshot && !group.members.includes(`${stem}-journal`)) continue;
    try {
      const infos = await Promise.all(group.members.map((name) => lstat(join(dir, name))));
      if (infos.some((info) => !info.isFile())) continue;
      const newest = Math.max(...infos.map((info) => info.mtimeMs));
      const writerGone = group.pid !== null && !isAlive(group.pid);
      if (!writerGone && now - newest < safeAge) continue;
      // The journal last: a snapshot must never be left without the journal that marks it half-made.
      const ordered = [...group.members].sort(
        (a, b) => Number(a.endsWith('-journal')) - Number(b.endsWith('-journal')),
      );
      for (const name of ordered) {
        await rm(join(dir, name), { force: true });
        removed.push(name);
      }
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}
