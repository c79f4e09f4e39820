import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApi, serving } from '../../src-main/ipc/register';
import type { Handlers } from '../../src-main/kernel/handlers';
import { api, CHANNEL_PREFIX, CHANNELS, type Channel, type Envelope } from '../../src-main/shared/api';
import { appFrame, CapturingIpcMain } from './fakes';

/**
 * The IPC fuzz campaign (issue 15): hostile input on every channel of the contract, through
 * the very registration the app uses (registerApi → dispatch, which parses with the channel's
 * zod schema). The handlers are recording stand-ins, so nothing is written and no dialog or
 * printer runs: what is checked is what reaches a handler and what goes back to the page.
 *  - a handler is never called with something its schema rejects, nor with an object whose
 *    prototype is not a plain one, nor with an own `__proto__` key;
 *  - input the schema rejects gets an `invalid_input` envelope naming fields, and no call;
 *  - every reply is an envelope (never a throw, never a stack trace, never a megabyte echoed);
 *  - Object.prototype and Array.prototype are untouched afterwards.
 * Fixed seed and bounded runs, so it is the same test every time.
 */

const SEED = 20_261_204;
const RUNS_PER_CHANNEL = 24;

type Schema = z.core.$ZodType;
const def = (schema: Schema): z.core.$ZodTypeDef & Record<string, unknown> =>
  (schema as unknown as { _zod: { def: z.core.$ZodTypeDef & Record<string, unknown> } })._zod.def;

/** The object shapes a schema accepts (through optional, nullable, default, pipes and unions). */
function shapesOf(schema: Schema, depth = 0): Record<string, Schema>[] {
  if (depth > 8) return [];
  const d = def(schema);
  switch (d.type) {
    case 'object':
      return [d.shape as Record<string, Schema>];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return shapesOf(d.innerType as Schema, depth + 1);
    case 'pipe':
      return shapesOf(d.in as Schema, depth + 1);
    case 'union':
      return (d.options as Schema[]).flatMap((option) => shapesOf(option, depth + 1));
    case 'intersection':
      return [...shapesOf(d.left as Schema, depth + 1), ...shapesOf(d.right as Schema, depth + 1)];
    default:
      return [];
  }
}

/** The element schema of an array schema, if it is one. */
function elementOf(schema: Schema, depth = 0): Schema | null {
  if (depth > 8) return null;
  const d = def(schema);
  if (d.type === 'array') return d.element as Schema;
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(d.type))
    return elementOf(d.innerType as Schema, depth + 1);
  if (d.type === 'pipe') return elementOf(d.in as Schema, depth + 1);
  return null;
}

/** An object with own keys exactly as given, `__proto__` included (as JSON.parse or a structured clone makes them). */
function withOwnKeys(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

function deeplyNested(levels: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = asArray ? [value] : { a: value };
  return value;
}

const MEGABYTE = 1024 * 1024;
const POISON = { polluted: 'yes' };
/** Leaves chosen from; the big ones are made once. */
const HOSTILE_LEAVES: unknown[] = [
  'x'.repeat(MEGABYTE + 1),
  `${'é'.repeat(MEGABYTE / 2)}\u0000\ud800`,
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '\u0000',
  '',
  ' ',
  deeplyNested(10_000, false),
  deeplyNested(10_000, true),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  1.5,
  1e308,
  '2025-02-30',
  '9999-12-31',
  '0000-00-00',
  '2025-13-01',
  '2025-1-1',
  '2026-03-01T25:00:00Z',
  'not a date',
  true,
  null,
  undefined,
  [],
  {},
  // eslint-disable-next-line no-sparse-arrays
  [1, , 3],
  new Array(5),
  ['a', 'b'],
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  { constructor: { prototype: POISON } },
  withOwnKeys([['prototype', POISON]]),
  '__proto__',
  'constructor',
];

const leaf = fc.constantFrom(...HOSTILE_LEAVES);
const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype');
const extraKey = fc.oneof(protoKey, fc.constantFrom('extra', 'id ', 'toString', 'hasOwnProperty', 'valueOf'));

/** Hostile values shaped like `schema`: its own keys with hostile values (recursively), extra and prototype keys. */
function hostileFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (depth <= 0) return leaf;
  const shapes = shapesOf(schema);
  const element = elementOf(schema);
  const options: fc.Arbitrary<unknown>[] = [leaf];
  if (shapes.length > 0) {
    const keys = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
    const childSchema = (key: string): Schema => shapes.find((shape) => key in shape)![key]!;
    const entry =
      keys.length > 0
        ? fc
            .constantFrom(...keys)
            .chain((key) => fc.tuple(fc.constant(key), fc.oneof(leaf, hostileFor(childSchema(key), depth - 1))))
        : fc.tuple(extraKey, leaf);
    const entries = fc.tuple(
      fc.array(entry, { maxLength: Math.min(keys.length + 1, 6) }),
      fc.array(fc.tuple(extraKey, fc.oneof(leaf, fc.constant(POISON))), { maxLength: 2 }),
    );
    options.push(entries.map(([own, extra]) => withOwnKeys([...own, ...extra])));
  }
  if (element) {
    options.push(fc.array(fc.oneof(leaf, hostileFor(element, depth - 1)), { maxLength: 4 }));
    // Sparse: holes where elements should be.
    options.push(
      fc.nat({ max: 50 }).map((length) => {
        const sparse = new Array<unknown>(length + 2);
        sparse[length + 1] = 'last';
        return sparse;
      }),
    );
  }
  return fc.oneof(...options);
}

/** Whether `value` (deeply) holds only plain objects and arrays, with no own `__proto__` key. */
function plainAllTheWay(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return true;
  seen.add(value);
  const prototype = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return false;
  } else if (prototype !== Object.prototype && prototype !== null && !(value instanceof Date)) return false;
  if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return false;
  return Object.values(value).every((child) => plainAllTheWay(child, seen));
}

const prototypeNames = (prototype: object): string[] => Reflect.ownKeys(prototype).map(String).sort();
let objectBefore: string[];
let arrayBefore: string[];
beforeAll(() => {
  objectBefore = prototypeNames(Object.prototype);
  arrayBefore = prototypeNames(Array.prototype);
});
afterAll(() => {
  expect(prototypeNames(Object.prototype)).toEqual(objectBefore);
  expect(prototypeNames(Array.prototype)).toEqual(arrayBefore);
});

describe('the IPC fuzz campaign: hostile input on every channel', () => {
  const received: { channel: Channel; input: unknown }[] = [];
  const logged: string[] = [];
  const ipc = new CapturingIpcMain();
  const stand = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (input: unknown) => {
        received.push({ channel, input });
        // Stand-ins answer nothing useful: the reply fails the output schema, as a buggy handler's would.
        return undefined;
      },
    ]),
  ) as unknown as Handlers;
  const log = (message: string): void => void logged.push(message);
  registerApi(ipc, serving(stand, log), { allowedOrigin: 'rapport://app', log });

  it('covers every channel of the contract', () => {
    expect(CHANNELS.length).toBeGreaterThan(100);
    expect(ipc.handlers.size).toBe(CHANNELS.length);
  });

  it.each(CHANNELS)(
    '%s: nothing its schema rejects reaches the handler; every reply is an envelope',
    async (channel) => {
      const schema = api[channel].input as Schema;
      const inputs = fc.oneof({ weight: 1, arbitrary: leaf }, { weight: 4, arbitrary: hostileFor(schema, 3) });
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          received.length = 0;
          const accepts = api[channel].input.safeParse(input).success;
          const reply = (await ipc.invoke(CHANNEL_PREFIX + channel, appFrame(), input)) as Envelope<unknown>;

          expect(typeof reply.ok).toBe('boolean');
          for (const call of received) {
            expect(call.channel).toBe(channel);
            expect(api[channel].input.safeParse(call.input).success).toBe(true);
            expect(plainAllTheWay(call.input)).toBe(true);
          }
          if (!accepts) {
            rejected++;
            expect(received).toEqual([]);
            expect(reply.ok).toBe(false);
            if (reply.ok) return;
            expect(reply.error.code).toBe('invalid_input');
            expect(reply.error.issues?.length).toBeGreaterThan(0);
          } else {
            expect(received).toHaveLength(1);
          }
          if (!reply.ok) {
            expect(reply.error.message).not.toMatch(/\n\s+at |node_modules|src-main/);
            // Problems are named, not echoed: a megabyte sent is not a megabyte sent back.
            expect(JSON.stringify(reply).length).toBeLessThan(64 * 1024);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { seed: SEED, numRuns: RUNS_PER_CHANNEL, endOnFailure: true },
      );
      // The campaign is not vacuous: hostile input is mostly refused.
      expect(rejected).toBeGreaterThan(RUNS_PER_CHANNEL / 2);
    },
  );
});
