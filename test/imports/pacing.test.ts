import { describe, expect, it } from 'vitest';
import type { ImportPacing } from '../../src-main/features/imports';
import type { EventName, EventPayload } from '../../src-main/shared/api';
import { storeForEachTest, testHandlers } from '../helpers/store';
import { contentHash, count, salesCsv, writeCsv } from './helpers';

const t = storeForEachTest();

/**
 * The wizard's import held at a known point (the seam the E2E cancel test uses): progress is
 * reported after the first chunk, the import waits there, and `import.cancel` ends it. No
 * clock decides whether the cancel comes before the end of the file.
 */
describe('an import paced by a test', () => {
  it('waits after its first progress report until it is cancelled, then writes nothing', async () => {
    const path = writeCsv(t, 'held.csv', salesCsv(20_000));
    const before = contentHash(t.store.sqlite);
    const progress: EventPayload<'import.progress'>[] = [];
    let held!: () => void;
    const reachedHold = new Promise<void>((resolve) => (held = resolve));
    const pacing: ImportPacing = {
      progressIntervalMs: 0,
      afterProgress: (signal) => {
        held();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    };
    const handlers = testHandlers(t.store, {
      importPacing: () => pacing,
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (event === 'import.progress') progress.push(payload as EventPayload<'import.progress'>);
      },
    });

    const run = handlers['import.run']({ path, kind: 'sales', skipInvalid: false, dryRun: false, options: {} });
    const outcome = run.then(
      () => 'finished',
      (error: Error) => error.name,
    );
    await reachedHold;
    expect(progress).toHaveLength(1);
    expect(progress[0]!.rows).toBeGreaterThan(0);
    expect(progress[0]!.rows).toBeLessThan(20_000);
    // Still held: another import is refused, and nothing has been committed.
    await expect(
      handlers['import.run']({ path, kind: 'sales', skipInvalid: false, dryRun: false, options: {} }),
    ).rejects.toThrow(/already running/);
    expect(await handlers['import.cancel'](undefined)).toEqual({ cancelled: true });
    expect(await outcome).toBe('ImportCancelled');
    expect(progress).toHaveLength(1);
    expect(count(t, 'sales')).toBe(0);
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('runs to the end when the seam lets it go on', async () => {
    const path = writeCsv(t, 'paced.csv', salesCsv(20_000));
    let reports = 0;
    const handlers = testHandlers(t.store, {
      importPacing: () => ({ progressIntervalMs: 0, afterProgress: async () => void reports++ }),
    });
    const result = await handlers['import.run']({
      path,
      kind: 'sales',
      skipInvalid: false,
      dryRun: false,
      options: {},
    });
    expect(result.inserted).toBe(20_000);
    expect(reports).toBeGreaterThan(0);
    expect(count(t, 'sales')).toBe(20_000);
  });
});
