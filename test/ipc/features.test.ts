import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, CHANNELS } from '../../src-main/shared/api';
import { PickedFiles } from '../../src-main/kernel/picks';
import { FEATURES, featureOf, lazyHandlers, operationOf, type FeatureName } from '../../src-main/ipc/features';
import { checkInput } from '../../src-main/kernel/cli/context';
import { ensureCliBuilt, ROOT } from '../cli/helpers';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';

const OWN = ['app.info', 'app.firstScreenShown'];

describe('each feature, loaded when first called', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(() => t.cleanup());

  it('is found from the channel: the contract it loads on its own declares that very operation', async () => {
    for (const channel of CHANNELS) {
      if (OWN.includes(channel)) {
        expect(featureOf(channel), channel).toBeNull();
        continue;
      }
      expect(featureOf(channel), channel).not.toBeNull();
      expect(await operationOf(channel), channel).toBe(api[channel]);
    }
    expect(featureOf('nothing.here')).toBeNull();
  });

  it('answers exactly the channels routed to it, no fewer and no more', async () => {
    const now = (): Date => FIXED_NOW;
    const view = <T>(fn: (trx: never) => Promise<T>): Promise<T> => fn(undefined as never);
    const wiring = {
      store: t.store,
      ctx: { now, version: 'test', platform: 'test', picks: new PickedFiles() },
      feature: { now, tx: view, view },
      renderer: null,
      all: () => t.handlers,
    };
    const answered: string[] = [];
    for (const name of Object.keys(FEATURES) as FeatureName[]) {
      const channels = Object.keys(await FEATURES[name].handlers(wiring));
      expect(
        channels.filter((c) => featureOf(c) !== name),
        name,
      ).toEqual([]);
      answered.push(...channels);
    }
    expect(answered.sort()).toEqual(CHANNELS.filter((c) => !OWN.includes(c)).sort());
  });

  it("checks the CLI's input with the channel's schema before its feature runs, writing nothing", async () => {
    const handlers = lazyHandlers(
      t.store,
      { now: () => FIXED_NOW, version: 'test', platform: 'test' },
      { check: checkInput },
    );
    await expect(handlers['customers.create']({ name: '' } as never)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'cli.invalid.input',
      issues: [expect.objectContaining({ path: 'name' })],
    });
    expect(t.store.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(0);
    // Defaults are the schema's: what the handler gets is what it parsed.
    const created = await handlers['customers.create']({ name: 'Ada King' } as never);
    expect(created).toMatchObject({ name: 'Ada King' });
    expect(t.store.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
  });

  it('runs a query on the reader and a command on the writer, as the contract says', async () => {
    const handlers = lazyHandlers(
      t.store,
      { now: () => FIXED_NOW, version: 'test', platform: 'test' },
      { check: checkInput },
    );
    expect([api['customers.create'].kind, api['customers.list'].kind]).toEqual(['command', 'query']);
    const onWriter = vi.spyOn(t.store.sqlite, 'prepare');
    const onReader = vi.spyOn(t.store.reader.sqlite, 'prepare');
    await handlers['customers.create']({ name: 'Bea Ross' } as never);
    expect(onWriter).toHaveBeenCalled();
    expect(onReader).not.toHaveBeenCalled();
    onWriter.mockClear();
    const page = await handlers['customers.list']({} as never);
    expect(page.total).toBe(1);
    expect(onReader).toHaveBeenCalled();
    expect(onWriter).not.toHaveBeenCalled();
  });
});

describe('the built CLI', () => {
  it("keeps the features' code and contracts out of its first chunk: a command loads what it calls", () => {
    ensureCliBuilt();
    const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
    const main = read('out/cli/main.js');
    // The bundle keeps function names (vite.cli.config.ts): each one is a string where its code is.
    const where = (name: string): string[] =>
      readdirSync(join(ROOT, 'out', 'cli')).filter(
        (file) => file.endsWith('.js') && read(`out/cli/${file}`).includes(`"${name}"`),
      );
    for (const name of [
      'careHandlers',
      'metricsHandlers',
      'periodStats',
      'listAtRisk',
      'parseDocument',
      'getDecoder',
    ]) {
      expect(where(name), name).not.toEqual([]);
      expect(where(name), name).not.toContain('main.js');
    }
    // No contract is in it but the settings' (commands read the settings, so it holds that
    // feature): the only other channels it names are those the commands call by name, and those
    // the wiring itself names (ipc/features.ts).
    const named = [
      read('src-main/ipc/features.ts'),
      ...readdirSync(join(ROOT, 'src-main', 'features'), { recursive: true, encoding: 'utf8' })
        .filter((file) => /(^|\/)(cli|whatWorksCli)\.ts$/.test(file))
        .map((file) => read(`src-main/features/${file}`)),
    ].join('\n');
    const inMain = CHANNELS.filter((channel) => main.includes(`"${channel}"`) && featureOf(channel) !== 'settings');
    expect(inMain.filter((channel) => !named.includes(`'${channel}'`))).toEqual([]);
  });
});
