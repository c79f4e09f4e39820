import type { BrowserWindow, BrowserWindowConstructorOptions, PrintToPDFOptions, Session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRINT_MARGINS_MM, type PdfPrinter, type PrintJob } from '../features/reports';

/**
 * The app prints a coach report with Electron's printToPDF: the same HTML (html.ts) the
 * command line prints with Chromium, in a hidden window that runs no script and reaches
 * nothing but the page itself. The decisions are here as pure functions (tested); the
 * printer takes Electron's classes as arguments so this module loads under plain Node.
 */

/** The hidden window's session: in memory, used by nothing else. */
export const PRINT_PARTITION = 'report-print';

const MM_PER_INCH = 25.4;

export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 800,
    height: 1100,
    webPreferences: {
      partition: PRINT_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

/** The page itself and the data: images inside it; nothing else (no network, no other file). */
export function printRequestAllowed(url: string, pageUrl: string): boolean {
  return url === pageUrl || url.startsWith('data:');
}

/** Chromium's PDF options, as the command line's printer (pdf.ts) gives them: the same margins, header and footer. */
export function printToPdfOptions(job: PrintJob): PrintToPDFOptions {
  return {
    pageSize: job.paper === 'letter' ? 'Letter' : 'A4',
    printBackground: true,
    preferCSSPageSize: false,
    displayHeaderFooter: true,
    headerTemplate: job.header,
    footerTemplate: job.footer,
    margins: {
      top: PRINT_MARGINS_MM.top / MM_PER_INCH,
      bottom: PRINT_MARGINS_MM.bottom / MM_PER_INCH,
      left: PRINT_MARGINS_MM.left / MM_PER_INCH,
      right: PRINT_MARGINS_MM.right / MM_PER_INCH,
    },
  };
}

export interface ElectronPrintDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  session: Session;
}

/**
 * Writes the page to a private temporary folder (a large report does not fit in a data: URL),
 * loads it in the hidden window, prints, and removes both.
 */
export function electronPrinter(deps: ElectronPrintDeps): PdfPrinter {
  let guarded = false;
  let pageUrl = '';
  return async (job) => {
    const folder = await mkdtemp(join(tmpdir(), 'rapport-report-'));
    const file = join(folder, 'report.html');
    const win = deps.createWindow(printWindowOptions());
    try {
      await writeFile(file, job.html, { mode: 0o600 });
      pageUrl = pathToFileURL(file).href;
      if (!guarded) {
        guarded = true;
        deps.session.webRequest.onBeforeRequest((details, callback) =>
          callback({ cancel: !printRequestAllowed(details.url, pageUrl) }),
        );
      }
      await win.loadURL(pageUrl);
      return new Uint8Array(await win.webContents.printToPDF(printToPdfOptions(job)));
    } finally {
      win.destroy();
      await rm(folder, { recursive: true, force: true });
    }
  };
}
