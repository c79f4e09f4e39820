export { registerReport } from './cli';
export { reportsHandlers } from './handlers';
export type { ReportsContext } from './handlers';
export { barChart, esc, PRINT_CSS, reportHtml, reportStyleHashes } from './html';
export type { PdfPrinter, PrintJob } from './pdf';
export { canonicalJson, reportDigest, reportJson } from './json';
export { chromiumPrinter, PRINT_MARGINS_MM } from './pdf';
