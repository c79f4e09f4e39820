import type { Bridge } from '../../../src-main/shared/api';

declare global {
  interface Window {
    /** Exposed by the preload; absent when the page is opened outside Rapport. */
    rapport?: Bridge;
  }
}

/** Answers every call with an error, so a page opened without the preload says why it is empty. */
const disconnected: Bridge = {
  invoke: async () => ({
    ok: false,
    error: { code: 'internal', message: 'The Rapport backend is not connected to this window.' },
  }),
  on: () => () => undefined,
  cancel: () => undefined,
};

/** The one read of `window.rapport` in the renderer. */
export function getBridge(): Bridge {
  return window.rapport ?? disconnected;
}
