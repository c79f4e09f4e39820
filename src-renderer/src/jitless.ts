// zod's core, where the setting lives: the whole of zod loads only with the schemas that need it.
import { config } from 'zod/v4/core';

/**
 * The page's CSP forbids eval, and zod would otherwise try `new Function` to compile fast
 * object parsers, tripping a CSP violation. Zod reads this flag when each schema is built, so
 * this module must be imported before anything that defines schemas (first import of main.tsx).
 */
config({ jitless: true });
