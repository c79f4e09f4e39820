import { existsSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../../src-main/shared/operations';
import { postToBridge, startFixture, type PreviewFixture } from './support';

let fx: PreviewFixture;
beforeAll(async () => {
  fx = await startFixture();
});
afterAll(() => fx.cleanup());

/** The fields these calls reply with, all in one loose shape. */
interface Reply {
  ok: boolean;
  value?: { path: string; rows: number; restoredFrom: string; previousSavedAs: string; items: { name: string }[] };
  error?: { code: string };
}

async function invoke(channel: string, input: unknown): Promise<Reply> {
  const response = await postToBridge(fx.preview, { channel: `rapport:${channel}`, input });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as Reply;
}

/** The page's event stream, collecting what arrives. */
async function listen(): Promise<{ received: string[]; close(): void }> {
  const { hostname, port } = new URL(fx.preview.origin);
  const received: string[] = [];
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request({
      hostname,
      port,
      path: '/__rapport/events',
      headers: { host: `${hostname}:${port}`, 'x-rapport-token': fx.preview.token },
    });
    req.on('response', resolve).on('error', reject).end();
  });
  response.setEncoding('utf8').on('data', (chunk: string) => received.push(chunk));
  return { received, close: () => response.destroy() };
}

describe('export, backup and restore in the browser preview', () => {
  it('saves into preview-files, and a restore reopens the store on the restored data', async () => {
    await invoke('customers.create', { name: 'Before the backup' });
    const files = join(dirname(fx.dbPath), 'preview-files');

    const csv = (await invoke('dialog.saveFile', { purpose: 'export-customers' })).value!.path;
    expect(dirname(csv)).toBe(files);
    expect(await invoke('data.export', { kind: 'customers', path: csv })).toMatchObject({
      ok: true,
      value: { rows: 1 },
    });

    // A path the page did not get from the dialog is refused.
    const forged = await invoke('data.backup', { path: join(files, 'forged.sqlite') });
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(join(files, 'forged.sqlite'))).toBe(false);

    const backup = (await invoke('dialog.saveFile', { purpose: 'backup' })).value!.path;
    expect(await invoke('data.backup', { path: backup })).toMatchObject({ ok: true });
    await invoke('customers.create', { name: 'After the backup' });

    const chosen = (await invoke('dialog.openFile', { purpose: 'restore' })).value!.path;
    expect(chosen).toBe(backup);
    const events = await listen();
    const restored = await invoke('data.restore', { path: chosen });
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: backup } });
    expect(existsSync(restored.value!.previousSavedAs)).toBe(true);

    const list = await invoke('customers.list', {});
    expect(list.value!.items.map((c) => c.name)).toEqual(['Before the backup']);
    // The page is told that everything it shows may have changed.
    await expect.poll(() => events.received.join('')).toContain(`"entities":${JSON.stringify(ENTITIES)}`);
    events.close();
  });
});
