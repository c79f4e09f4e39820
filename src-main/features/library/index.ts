export { libraryHandlers } from './handlers';
export { registerLibrary } from './cli';
export { mediaFile } from './media';
export type { MediaFile, MediaTarget } from './media';
