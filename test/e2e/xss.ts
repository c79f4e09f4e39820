import type { Page } from 'playwright-core';

/**
 * The XSS corpus of the campaigns (issue 15): each entry, if the app ever turned text into
 * markup, would set `window.__xss`, open a dialog, or send a request to another origin.
 * Each is under 120 characters, so it fits every free-text field (titles allow 200).
 */
export const XSS_CORPUS = [
  `<img src=x onerror="window.__xss='img';alert('img')">`,
  `<script>window.__xss='script';alert('script')</script>`,
  `<svg onload="window.__xss='svg';alert('svg')"></svg>`,
  `"><iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `<a href="javascript:window.__xss='href'">x</a> javascript:alert('js')`,
  `[click](javascript:window.__xss='md') ![x](http://xss.invalid/md.png)`,
  `'><img src=http://xss.invalid/leak.png><body onload=alert('body')>`,
] as const;

export interface XssWatch {
  /** Requests for anything but the app's own origin (and data:/blob: it makes itself). */
  foreignRequests: string[];
  /** Dialogs that opened (each is dismissed at once). */
  dialogs: string[];
  /** The value of window.__xss now: undefined while nothing has run. */
  flag(): Promise<unknown>;
}

/** Watches `page` for what an injected script or tag would do: dialogs, foreign requests, the flag. */
export function watchForXss(page: Page, origin: string): XssWatch {
  const watch: XssWatch = {
    foreignRequests: [],
    dialogs: [],
    flag: () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return;
    watch.foreignRequests.push(url);
  });
  return watch;
}
