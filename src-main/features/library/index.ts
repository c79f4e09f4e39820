export { libraryHandlers } from './handlers';
export type { LibraryDialogs } from './handlers';
export { registerLibrary } from './cli';
export { mediaFile } from './media';
export type { MediaFile, MediaTarget } from './media';
export { readableExtensions } from './readers';
export { MAX_IMPORT_PATHS } from './contract';
export { generateSampleLibrary } from './sampleData';
