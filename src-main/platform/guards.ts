import type { Session, WebContents } from 'electron';
import type { Logger } from './log';
import { externalLinkDecision, navigationDecision, permissionDecision } from './security';

/**
 * Applies the decisions of security.ts to Electron objects. Kept out of main.ts so the
 * wiring itself (which event is cancelled, what reaches shell.openExternal) is tested with
 * fakes, not only the decisions.
 */

/** Applied to every webContents, including ones we did not create on purpose. */
export function guardWebContents(
  contents: WebContents,
  deps: { openExternal: (url: string) => void; log: Logger },
): void {
  const openIfExternal = (url: string): void => {
    const decision = externalLinkDecision(url);
    if (decision.action === 'open') deps.openExternal(decision.url);
    else deps.log(`Blocked link (${decision.reason}): ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event, url) => {
    if (navigationDecision(url) === 'deny') event.preventDefault();
    // A plain <a href="https://…"> click lands here rather than in the open handler; it
    // still goes to the system browser, through the same decision.
    openIfExternal(url);
  });
  // Server redirects and <webview> are never legitimate in this app.
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfExternal(url);
    return { action: 'deny' };
  });
}

/** Network patterns cancelled for the renderer's session. */
export const BLOCKED_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionDecision(permission, { origin: details.requestingUrl, isMainFrame: details.isMainFrame })),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionDecision(permission, { origin: requestingOrigin, isMainFrame: details.isMainFrame }),
  );
  // An offline app: nothing in the renderer has a reason to reach the network, so a
  // compromised page cannot exfiltrate data even past a CSP mistake.
  session.webRequest.onBeforeRequest({ urls: BLOCKED_URL_PATTERNS }, (_details, callback) =>
    callback({ cancel: true }),
  );
}
