/**
 * Dropped files, read by the preload rather than by the page. The preload shares the page's
 * DOM but not its JavaScript world (contextIsolation), so the page can neither forge what it
 * sees here nor reach the paths itself: a drop counts only when it is trusted (the user's
 * own, never an event a script dispatched), and then main is told the dropped files' paths on
 * a channel the page cannot use (see ipc/drop.ts for what main accepts).
 */

/** The slice of a DOM DragEvent this reads (structural: the preload's type-check has no DOM library). */
export interface DropEventLike {
  readonly isTrusted: boolean;
  readonly dataTransfer: { readonly files: ArrayLike<unknown> } | null;
}

export interface DropTargetLike {
  addEventListener(type: 'drop', listener: (event: DropEventLike) => void, options: { capture: true }): void;
}

/**
 * Listens for drops on `target` (the window) in the capture phase, before any page listener
 * can stop them, and sends the paths of a trusted drop's files (`getPath`: Electron's
 * webUtils.getPathForFile; '' for a file that is not on disk, which is skipped) with `send`.
 */
export function forwardDrops(
  target: DropTargetLike,
  getPath: (file: unknown) => string,
  send: (paths: string[]) => void,
): void {
  target.addEventListener(
    'drop',
    (event) => {
      if (event.isTrusted !== true) return;
      const files = event.dataTransfer?.files;
      if (!files) return;
      const paths: string[] = [];
      for (let i = 0; i < files.length; i++) {
        let path: unknown;
        try {
          path = getPath(files[i]);
        } catch {
          continue;
        }
        if (typeof path === 'string' && path !== '') paths.push(path);
      }
      if (paths.length > 0) send(paths);
    },
    { capture: true },
  );
}
