import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import {
  electronPrinter,
  PRINT_PARTITION,
  printRequestAllowed,
  printToPdfOptions,
  printWindowOptions,
} from '../../src-main/platform/printPdf';

const JOB = {
  html: '<!doctype html><p>Report</p>',
  header: '<div>H</div>',
  footer: '<div>F</div>',
  paper: 'a4' as const,
};

describe("the app's report printer (Electron printToPDF)", () => {
  it('prints in a hidden window of its own session that runs no script', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      partition: PRINT_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(o.webPreferences?.preload).toBeUndefined();
  });

  it('lets the page load itself and its data: images, nothing else', () => {
    const page = 'file:///tmp/rapport-report-x/report.html';
    expect(printRequestAllowed(page, page)).toBe(true);
    expect(printRequestAllowed('data:image/png;base64,AAAA', page)).toBe(true);
    for (const url of [
      'https://example.com/x.png',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'file:///tmp/rapport-report-x/other.html',
      'rapport://app/index.html',
      'rapport-media://item/1',
    ])
      expect(printRequestAllowed(url, page), url).toBe(false);
  });

  it("prints with the command line's paper, margins, header and footer", () => {
    expect(printToPdfOptions(JOB)).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div>H</div>',
      footerTemplate: '<div>F</div>',
    });
    expect(printToPdfOptions({ ...JOB, paper: 'letter' }).pageSize).toBe('Letter');
    expect(printToPdfOptions(JOB).margins?.top).toBeCloseTo(18 / 25.4);
  });

  it('loads the page from a private temporary file, prints it, then removes the file and the window', async () => {
    let loaded = '';
    let destroyed = false;
    let filter: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    const fakeWindow = {
      loadURL: async (url: string) => {
        loaded = url;
        expect(readFileSync(fileURLToPath(url), 'utf8')).toBe(JOB.html);
      },
      webContents: { printToPDF: async () => Buffer.from('%PDF-1.7') },
      destroy: () => {
        destroyed = true;
      },
    };
    const session = {
      webRequest: { onBeforeRequest: (f: typeof filter) => (filter = f) },
    } as unknown as Session;
    const print = electronPrinter({
      createWindow: (_o: BrowserWindowConstructorOptions) => fakeWindow as unknown as BrowserWindow,
      session,
    });
    const pdf = await print(JOB);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7');
    expect(destroyed).toBe(true);
    expect(existsSync(fileURLToPath(loaded))).toBe(false);
    const verdict = (url: string) => {
      let cancel: boolean | null = null;
      filter!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict(loaded)).toBe(false);
    expect(verdict('https://example.com/')).toBe(true);
  });
});
