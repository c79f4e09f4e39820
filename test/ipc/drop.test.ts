import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { acceptDrop, droppedPaths, listenForDrops, type IpcMainOnLike } from '../../src-main/ipc/drop';
import type { InvokeEvent } from '../../src-main/ipc/register';
import { PickedFiles } from '../../src-main/kernel/picks';
import { DROP_CHANNEL, CHANNEL_NAMES, CHANNEL_PREFIX, EVENT_PREFIX } from '../../src-main/preload/channels';
import { forwardDrops, type DropEventLike } from '../../src-main/preload/drop';
import { folderDialogs } from '../../src-main/features/exchange/dialogs';
import { FIXED_NOW, storeForEachTest, testHandlers } from '../helpers/store';
import { dispatch } from '../../src-main/ipc/register';
import type { Handlers } from '../../src-main/kernel/handlers';

/** A call as IPC makes it: the input parsed, errors as envelopes. */
const call = (handlers: Handlers, channel: Parameters<typeof dispatch>[1], input: unknown) =>
  dispatch(handlers, channel, input, () => {});

describe('droppedPaths: which paths of a drop may be imported', () => {
  it.each([
    [
      ['/home/ada/Books/a.epub', '/home/ada/Talks'],
      ['/home/ada/Books/a.epub', '/home/ada/Talks'],
    ],
    // Resolved, then each once, in the order dropped.
    [
      ['/a/b/../c.pdf', '/a/c.pdf', '/a//c.pdf', '/x/'],
      ['/a/c.pdf', '/x'],
    ],
    // Relative, empty, NUL-bearing, non-strings: left out.
    [['a.epub', './a.epub', '../etc/passwd', '', '/ok.pdf\0.txt', 'C:relative', '/fine.pdf'], ['/fine.pdf']],
    [[42, null, { path: '/x' }, ['/y'], '/z'], ['/z']],
    [[`/${'a'.repeat(5000)}`], []],
  ])('%j → %j', (raw, expected) => {
    expect(droppedPaths(raw)).toEqual(expected);
  });

  it.each([null, undefined, '/etc/passwd', 7, { 0: '/a', length: 1 }])('takes nothing from %j', (raw) => {
    expect(droppedPaths(raw)).toEqual([]);
  });

  it('keeps at most the first N distinct paths', () => {
    const raw = Array.from({ length: 50 }, (_, i) => `/drop/${i % 20}`);
    expect(droppedPaths(raw, 5)).toEqual(['/drop/0', '/drop/1', '/drop/2', '/drop/3', '/drop/4']);
    expect(droppedPaths(Array.from({ length: 12_000 }, (_, i) => `/f/${i}`))).toHaveLength(10_000);
  });

  it('whatever it is sent, returns distinct absolute paths without NUL, at most N', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.string().map((s) => `/${s}`),
            fc.anything(),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 30 }),
        (raw, max) => {
          const paths = droppedPaths(raw, max);
          expect(paths.length).toBeLessThanOrEqual(max);
          expect(new Set(paths).size).toBe(paths.length);
          for (const path of paths) {
            expect(path.startsWith('/')).toBe(true);
            expect(path.includes('\0')).toBe(false);
          }
        },
      ),
    );
  });
});

describe('acceptDrop and listenForDrops (main)', () => {
  function fakeIpcMain() {
    const listeners = new Map<string, (event: InvokeEvent, ...args: unknown[]) => void>();
    const ipc: IpcMainOnLike = {
      on: (channel, listener) => listeners.set(channel, listener),
      removeListener: (channel) => listeners.delete(channel),
    };
    return { ipc, listeners };
  }
  const frame = (url: string, parent: unknown = null): InvokeEvent => ({ senderFrame: { url, parent } });

  it('remembers the paths as picked for the library and announces them', () => {
    const picks = new PickedFiles();
    const emit = vi.fn();
    expect(acceptDrop(['/b/talk.mp3', 'relative.pdf'], { picks, emit })).toEqual(['/b/talk.mp3']);
    expect(emit).toHaveBeenCalledWith('library.dropped', { paths: ['/b/talk.mp3'] });
    expect(() => picks.check('library', '/b/talk.mp3')).not.toThrow();
    // Picked for the library only: an export may not overwrite it.
    expect(() => picks.check('export', '/b/talk.mp3')).toThrow();
    expect(() => picks.check('library', '/b/other.mp3')).toThrow();
  });

  it('announces nothing when nothing usable was dropped', () => {
    const emit = vi.fn();
    expect(acceptDrop(['relative'], { picks: new PickedFiles(), emit })).toEqual([]);
    expect(emit).not.toHaveBeenCalled();
  });

  it('listens on the private channel and accepts only our own main frame', () => {
    const { ipc, listeners } = fakeIpcMain();
    const picks = new PickedFiles();
    const emit = vi.fn();
    const log = vi.fn();
    const stop = listenForDrops(ipc, { allowedOrigin: 'rapport://app', picks, emit, log });
    const listener = listeners.get(DROP_CHANNEL)!;
    listener(frame('https://evil.example/'), ['/a.pdf']);
    listener(frame('rapport://app/library', {}), ['/b.pdf']);
    listener({ senderFrame: null }, ['/c.pdf']);
    expect(emit).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(3);
    listener(frame('rapport://app/library'), ['/d.pdf', '/d.pdf']);
    expect(emit).toHaveBeenCalledWith('library.dropped', { paths: ['/d.pdf'] });
    expect(() => picks.check('library', '/a.pdf')).toThrow();
    expect(() => picks.check('library', '/d.pdf')).not.toThrow();
    stop();
    expect(listeners.has(DROP_CHANNEL)).toBe(false);
  });

  it('uses a channel no page call or event can name', () => {
    expect(DROP_CHANNEL.startsWith(CHANNEL_PREFIX)).toBe(false);
    expect(DROP_CHANNEL.startsWith(EVENT_PREFIX)).toBe(false);
    expect(CHANNEL_NAMES.some((name) => DROP_CHANNEL.includes(name))).toBe(false);
  });
});

describe('forwardDrops (preload)', () => {
  function fakeWindow() {
    let listener: ((event: DropEventLike) => void) | null = null;
    const options: unknown[] = [];
    return {
      target: {
        addEventListener: (_type: 'drop', l: (event: DropEventLike) => void, o: { capture: true }) => {
          listener = l;
          options.push(o);
        },
      },
      drop: (event: DropEventLike) => listener?.(event),
      options,
    };
  }
  const file = (path: string) => ({ name: path.split('/').at(-1), path });
  const getPath = (f: unknown) => (f as { path: string }).path;

  it('sends the paths of a trusted drop, in the capture phase', () => {
    const win = fakeWindow();
    const send = vi.fn();
    forwardDrops(win.target, getPath, send);
    expect(win.options).toEqual([{ capture: true }]);
    win.drop({ isTrusted: true, dataTransfer: { files: [file('/home/ada/a.epub'), file('/home/ada/Talks')] } });
    expect(send).toHaveBeenCalledWith(['/home/ada/a.epub', '/home/ada/Talks']);
  });

  it('ignores a drop a script dispatched, and drops with no file on disk', () => {
    const win = fakeWindow();
    const send = vi.fn();
    forwardDrops(win.target, getPath, send);
    win.drop({ isTrusted: false, dataTransfer: { files: [file('/etc/passwd')] } });
    win.drop({ isTrusted: 'yes' as unknown as boolean, dataTransfer: { files: [file('/etc/passwd')] } });
    win.drop({ isTrusted: true, dataTransfer: null });
    win.drop({ isTrusted: true, dataTransfer: { files: [] } });
    // A file dragged out of another app's memory has no path ('').
    win.drop({ isTrusted: true, dataTransfer: { files: [file('')] } });
    expect(send).not.toHaveBeenCalled();
  });

  it('skips a file whose path cannot be read and sends the rest', () => {
    const win = fakeWindow();
    const send = vi.fn();
    forwardDrops(
      win.target,
      (f) => {
        if ((f as { path: string }).path === '/bad') throw new Error('not a File');
        return getPath(f);
      },
      send,
    );
    win.drop({ isTrusted: true, dataTransfer: { files: [file('/bad'), file('/good.pdf')] } });
    expect(send).toHaveBeenCalledWith(['/good.pdf']);
  });
});

describe('library.pick and dropped paths over the handlers', () => {
  const t = storeForEachTest();

  it('refuses to pick where there are no dialogs (the CLI)', async () => {
    expect(await call(t.handlers, 'library.pick', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'failures.noDialogs' },
    });
  });

  it('imports only what the user picked: files or folders, as asked', async () => {
    const chosen = join(t.dir, 'chosen.epub');
    const other = join(t.dir, 'other.epub');
    writeFileSync(chosen, 'x');
    writeFileSync(other, 'x');
    const openMany = vi.fn(async (kind: 'files' | 'folders') => (kind === 'files' ? [chosen] : [t.dir]));
    const handlers = testHandlers(t.store, {
      exchange: { dialogs: { ...folderDialogs(join(t.dir, 'files'), () => FIXED_NOW), openMany } },
    });
    expect(await call(handlers, 'library.import', { paths: [chosen] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'failures.chooseFileFirst' },
    });
    expect(await call(handlers, 'library.pick', {})).toEqual({ ok: true, value: { paths: [chosen] } });
    expect(openMany).toHaveBeenLastCalledWith('files');
    expect(await call(handlers, 'library.import', { paths: [chosen] })).toMatchObject({ ok: true });
    expect(await call(handlers, 'library.import', { paths: [other] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(handlers, 'library.pick', { folders: true })).toEqual({ ok: true, value: { paths: [t.dir] } });
    expect(openMany).toHaveBeenLastCalledWith('folders');
    expect(await call(handlers, 'library.import', { paths: [t.dir] })).toMatchObject({ ok: true });
  });

  it('a cancelled picker allows nothing', async () => {
    const handlers = testHandlers(t.store, {
      exchange: { dialogs: { ...folderDialogs(join(t.dir, 'files'), () => FIXED_NOW), openMany: async () => [] } },
    });
    expect(await call(handlers, 'library.pick', { folders: true })).toEqual({ ok: true, value: { paths: [] } });
  });

  it('a drop accepted by main lets the page import exactly the dropped paths', async () => {
    const picks = new PickedFiles();
    const handlers = testHandlers(t.store, {
      picks,
      exchange: { dialogs: folderDialogs(join(t.dir, 'files'), () => FIXED_NOW) },
    });
    const folder = join(t.dir, 'Talks');
    mkdirSync(folder);
    acceptDrop([folder], { picks, emit: () => {} });
    expect(await call(handlers, 'library.import', { paths: [folder] })).toMatchObject({ ok: true });
    expect(await call(handlers, 'library.import', { paths: [join(t.dir, 'rapport.sqlite')] })).toMatchObject({
      ok: false,
    });
  });
});
