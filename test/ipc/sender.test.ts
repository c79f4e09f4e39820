import { describe, expect, it } from 'vitest';
import { isTrustedSender, senderInfo } from '../../src-main/ipc/register';

const APP = 'rapport://app';
const PREVIEW = 'http://127.0.0.1:5199';

describe('isTrustedSender', () => {
  it.each(['rapport://app/', 'rapport://app', 'rapport://app/customers/42?x=1#top', 'rapport://app/index.html'])(
    'accepts the app main frame at %s',
    (frameUrl) => {
      expect(isTrustedSender({ frameUrl, isMainFrame: true }, APP)).toBe(true);
    },
  );

  it('rejects a subframe even of our own origin', () => {
    expect(isTrustedSender({ frameUrl: 'rapport://app/', isMainFrame: false }, APP)).toBe(false);
  });

  it.each([
    'rapport://app.evil/',
    'rapport://app.evil.example/',
    'rapport://app@evil/',
    'rapport://app:pw@evil/',
    'rapport://user@app/',
    'rapport://evil/app',
    'rapport://apps/',
    'rapport://APP/',
    'rapport://app./',
    'rapport://app:443/',
    'rapport:app',
    'rapport:/app',
    'rapport-evil://app/',
    'http://app/',
    'https://app/',
    'http://rapport.app/',
    'https://example.com/',
    'file:///app/out/renderer/index.html',
    'file://app/',
    'data:text/html,<script>1</script>',
    'about:blank',
    'blob:rapport://app/5e2b',
    'chrome-error://chromewebdata/',
    'devtools://devtools/bundled/inspector.html',
    'javascript:alert(1)',
    ' rapport://app/',
    '',
    'null',
  ])('rejects %j', (frameUrl) => {
    expect(isTrustedSender({ frameUrl, isMainFrame: true }, APP)).toBe(false);
  });

  it.each([null, undefined])('rejects a missing frame URL (%s)', (frameUrl) => {
    expect(isTrustedSender({ frameUrl, isMainFrame: true }, APP)).toBe(false);
  });

  it('rejects a non-boolean main-frame claim', () => {
    expect(isTrustedSender({ frameUrl: 'rapport://app/', isMainFrame: 'yes' as unknown as boolean }, APP)).toBe(false);
  });

  it('in the browser preview accepts only the preview origin', () => {
    expect(isTrustedSender({ frameUrl: `${PREVIEW}/`, isMainFrame: true }, PREVIEW)).toBe(true);
    for (const frameUrl of [
      'http://127.0.0.1:5198/',
      'http://localhost:5199/',
      'https://127.0.0.1:5199/',
      'http://127.0.0.1.evil.example:5199/',
      'http://evil.example:5199/',
      'http://127.0.0.1:5199@evil.example/',
      'rapport://app/',
    ]) {
      expect(isTrustedSender({ frameUrl, isMainFrame: true }, PREVIEW), frameUrl).toBe(false);
    }
    // And the desktop origin does not accept the preview's.
    expect(isTrustedSender({ frameUrl: `${PREVIEW}/`, isMainFrame: true }, APP)).toBe(false);
  });
});

describe('senderInfo', () => {
  it('reads the frame URL and whether it is the top frame', () => {
    expect(senderInfo({ senderFrame: { url: 'rapport://app/', parent: null } })).toEqual({
      frameUrl: 'rapport://app/',
      isMainFrame: true,
    });
    expect(senderInfo({ senderFrame: { url: 'rapport://app/', parent: {} } })).toEqual({
      frameUrl: 'rapport://app/',
      isMainFrame: false,
    });
    // Electron reports null for a frame that navigated away or was destroyed.
    expect(senderInfo({ senderFrame: null })).toEqual({ frameUrl: null, isMainFrame: false });
    expect(senderInfo({ senderFrame: { url: 'rapport://app/', parent: undefined } }).isMainFrame).toBe(false);
  });
});
