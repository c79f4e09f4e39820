import { afterEach, describe, expect, it } from 'vitest';

/**
 * The renderer turns zod's compiled parsers off (the page's CSP forbids eval) without importing
 * zod, by leaving the setting where zod looks for it when it loads (src-renderer/src/jitless.ts).
 * Zod is imported only after it here, as on the page, and must never build a function from text.
 */
const RealFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = RealFunction;
});

describe('zod under the renderer’s CSP', () => {
  it('loads after jitless.ts with jitless on, and parses objects without building a function from text', async () => {
    await import('../../src-renderer/src/jitless');
    const built: unknown[][] = [];
    globalThis.Function = new Proxy(RealFunction, {
      construct: (target, args) => {
        built.push(args);
        return Reflect.construct(target, args) as object;
      },
      apply: (target, self, args) => {
        built.push(args);
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    const { config } = await import('zod/v4/core');
    const { z } = await import('zod');
    expect(config().jitless).toBe(true);
    const Sale = z.object({ title: z.string(), amountMinor: z.int(), tags: z.array(z.string()) });
    for (let round = 0; round < 3; round++)
      expect(Sale.parse({ title: 'Printer', amountMinor: 10_000, tags: ['a'] })).toEqual({
        title: 'Printer',
        amountMinor: 10_000,
        tags: ['a'],
      });
    expect(built).toEqual([]);
  });
});
