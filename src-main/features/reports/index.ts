export { registerReport } from './cli';
export { reportsHandlers } from './handlers';
export type { ReportsContext } from './handlers';
export { reportHtml } from './html';
export type { PdfPrinter, PrintJob } from './pdf';
