// The database thread started from the TypeScript sources, as the preview and the tests run
// them: tsx compiles the thread's modules as it loads them (backend/host.ts picks this file
// when it is itself a .ts file; the app starts the built backend.js instead).
import { register } from 'tsx/esm/api';

register();
await import('./entry.ts');
