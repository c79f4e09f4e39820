/**
 * The page's CSP forbids eval, and zod would otherwise try `new Function` to compile fast
 * object parsers, tripping a CSP violation. Zod keeps its settings in one object on globalThis,
 * `__zod_globalConfig`, and adopts the one it finds there when it first loads (zod/v4/core's
 * core.js). Setting `jitless` in it here, without importing zod, keeps zod off the first screen:
 * it loads only with the screens whose schemas need it. This module must run before anything
 * that defines schemas (first import of main.tsx); test/renderer/jitless.test.ts checks that zod
 * still reads the flag from there.
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };

// A module, not a script: main.tsx imports it for its effect, before everything else.
export {};
