/**
 * Hands a link to the system browser (or mail client) the one way the app allows: a new-window
 * request, which main never grants; its window-open handler checks the address with
 * externalLinkDecision (http(s) to the internet, or one plain mailto address) and opens only
 * what passes with shell.openExternal (src-main/platform/guards.ts). This window never navigates.
 */
export function openExternalLink(href: string): void {
  window.open(href, '_blank', 'noopener,noreferrer');
}
