/** The last path segment, for both / and \ separators: the file name the user recognises. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
