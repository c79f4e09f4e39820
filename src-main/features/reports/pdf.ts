import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../kernel/errors';
import type { Paper } from './contract';

/**
 * The PDF is the report's HTML (html.ts, the one template) printed by Chromium: on the command
 * line through playwright-core and an installed Chromium, Chrome or Edge; in the app by
 * Electron's printToPDF on the same HTML. Text stays text (selectable, searchable), charts are
 * SVG (vector), table headers repeat on every page they break across.
 */
export interface PrintJob {
  /** The whole report page (html.ts). */
  html: string;
  /** Chromium's header and footer templates: the seller and the period, the page numbers. */
  header: string;
  footer: string;
  paper: Paper;
}
export type PdfPrinter = (job: PrintJob) => Promise<Uint8Array>;

type Env = Readonly<Record<string, string | undefined>>;

/** The page margins, in millimetres, of every printed report: the command line's and the app's printer. */
export const PRINT_MARGINS_MM = { top: 18, bottom: 16, left: 14, right: 14 } as const;

/**
 * Chromium refuses to start its sandbox as root (a CI container, sudo); only there is it turned
 * off. Anywhere else the page, which runs no script and fetches nothing, still prints sandboxed.
 */
export const chromiumArgs = (uid: number | undefined): string[] => (uid === 0 ? ['--no-sandbox'] : []);

/** Where a Chromium-family browser usually is, after RAPPORT_CHROMIUM. */
export function browserCandidates(env: Env, platform: NodeJS.Platform = process.platform): string[] {
  const list: string[] = [];
  if (env.RAPPORT_CHROMIUM) list.push(env.RAPPORT_CHROMIUM);
  if (platform === 'darwin')
    list.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  else if (platform === 'win32') {
    for (const base of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[])
      list.push(
        join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      );
  } else
    list.push(
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/microsoft-edge',
      '/snap/bin/chromium',
    );
  return list;
}

/** The first browser that exists; a clear error naming RAPPORT_CHROMIUM when there is none. */
export function findBrowser(env: Env, platform: NodeJS.Platform = process.platform, exists = existsSync): string {
  if (env.RAPPORT_CHROMIUM && !exists(env.RAPPORT_CHROMIUM))
    throw new AppError('invalid_input', 'reports.failures.chromiumMissing', undefined, { path: env.RAPPORT_CHROMIUM });
  const found = browserCandidates(env, platform).find((p) => exists(p));
  if (!found) throw new AppError('invalid_input', 'reports.failures.noChromium');
  return found;
}

/** A Chromium started for printing: `close` it once done, whether it printed or not. */
export interface ChromiumPrinter {
  print: PdfPrinter;
  close(): Promise<void>;
}

/**
 * Starts a headless Chromium found on this machine (playwright-core drives it) at once, so that
 * it starts while the caller gathers what it prints; a missing browser is reported by `print`.
 */
export function startChromium(env: Env): ChromiumPrinter {
  const browser = (async () => {
    const executablePath = findBrowser(env);
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath, args: chromiumArgs(process.getuid?.()) });
  })();
  // Not left unhandled while the caller gathers: print reports it, close ignores it.
  browser.catch(() => undefined);
  return {
    print: async ({ html, header, footer, paper }) => {
      const context = await (await browser).newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        // Nothing in a report reaches the network: every request is refused.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: paper === 'letter' ? 'Letter' : 'A4',
          printBackground: true,
          preferCSSPageSize: false,
          displayHeaderFooter: true,
          headerTemplate: header,
          footerTemplate: footer,
          margin: Object.fromEntries(Object.entries(PRINT_MARGINS_MM).map(([side, mm]) => [side, `${mm}mm`])),
        });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    close: async () => {
      await (await browser.catch(() => null))?.close();
    },
  };
}

/** Prints one job with a Chromium started for it (startChromium). */
export function chromiumPrinter(env: Env): PdfPrinter {
  return async (job) => {
    const chromium = startChromium(env);
    try {
      return await chromium.print(job);
    } finally {
      await chromium.close();
    }
  };
}
