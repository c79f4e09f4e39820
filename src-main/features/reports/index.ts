export { registerReport } from './cli';
export { reportsHandlers } from './handlers';
export type { ReportsContext } from './handlers';
export { reportHtml, reportStyleHashes } from './html';
export type { PdfPrinter, PrintJob } from './pdf';
