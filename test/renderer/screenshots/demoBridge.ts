import '../../../src-renderer/src/jitless';
import type { Channel } from '../../../src-main/shared/api';
import { AppError } from '../../../src-main/kernel/errors';
import { createFakeBridge } from '../fakeApi';
import { demoHandlers, type DemoOptions } from './demoData';

declare global {
  interface Window {
    /** Set by the screenshot script before this bundle runs. */
    __RAPPORT_DEMO__?: Partial<DemoOptions> & { failing?: Channel[] };
  }
}

// Plays the preload's part for screenshots: `window.rapport` exists before the app starts.
const { failing = [], ...options } = window.__RAPPORT_DEMO__ ?? {};
const handlers = demoHandlers({ language: 'en', onboarded: true, empty: false, ...options });
// Channels named in `failing` answer as a broken database would, to show the error states.
for (const channel of failing) {
  handlers[channel] = () => {
    throw new AppError('internal', 'SQLITE_BUSY: database is locked');
  };
}
window.rapport = createFakeBridge(handlers);
