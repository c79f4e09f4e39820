import '../../../src-renderer/src/jitless';
import { createFakeBridge } from '../fakeApi';
import { demoHandlers, type DemoOptions } from './demoData';

declare global {
  interface Window {
    /** Set by the screenshot script before this bundle runs. */
    __RAPPORT_DEMO__?: Partial<DemoOptions>;
  }
}

// Plays the preload's part for screenshots: `window.rapport` exists before the app starts.
window.rapport = createFakeBridge(
  demoHandlers({ language: 'en', onboarded: true, empty: false, ...window.__RAPPORT_DEMO__ }),
);
