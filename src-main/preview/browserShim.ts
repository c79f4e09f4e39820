import { CANCEL_CHANNEL, DROP_CHANNEL } from '../preload/channels';

/**
 * The page side of the browser preview. The real, unmodified preload bundle
 * (out/preload/index.cjs) is wrapped in a function whose `require('electron')` returns the
 * shim below; the shim's ipcRenderer forwards to the preview server over fetch, and its
 * contextBridge defines `window.rapport`. So the page runs exactly the allowlist and
 * envelope logic it runs in Electron, and only the transport differs.
 *
 * Served as a classic script placed first in <head>, so it runs before the app's module
 * scripts, as a preload runs before the page in Electron.
 */

export const PREVIEW_PATH = '/__rapport';
export const TOKEN_HEADER = 'x-rapport-token';
export const FRAME_HEADER = 'x-rapport-frame';
/** Name of the fragment parameter carrying the per-run secret in the printed URL. */
export const TOKEN_PARAM = 'rapport-token';

const SHIM_HEAD = `(function () {
'use strict';
var STORAGE_KEY = 'rapport-preview-token';
var token = null;
// The secret arrives in the URL fragment (never sent to any server, not in Referer or
// logs). It is moved to sessionStorage (this tab, this origin only) and removed from the
// address bar before the app's router reads the URL.
var match = /(?:^#|&)${TOKEN_PARAM}=([A-Za-z0-9_-]+)/.exec(location.hash);
if (match) {
  token = match[1];
  try { sessionStorage.setItem(STORAGE_KEY, token); } catch (e) { /* storage disabled */ }
  history.replaceState(history.state, '', location.pathname + location.search);
} else {
  try { token = sessionStorage.getItem(STORAGE_KEY); } catch (e) { token = null; }
}
var frame = window.top === window ? 'main' : 'sub';

function headers(json) {
  var h = {};
  h['${TOKEN_HEADER}'] = token || '';
  h['${FRAME_HEADER}'] = frame;
  if (json) h['content-type'] = 'application/json';
  return h;
}

var listeners = new Map();
var streaming = false;
function dispatch(message) {
  var set = listeners.get(message.channel);
  if (!set) return;
  Array.from(set).forEach(function (listener) {
    try { listener({}, message.payload); } catch (e) { setTimeout(function () { throw e; }); }
  });
}
function openStream(delay) {
  streaming = true;
  fetch('${PREVIEW_PATH}/events', { headers: headers(false), cache: 'no-store' }).then(function (response) {
    if (!response.ok || !response.body) throw new Error('event stream refused: ' + response.status);
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    delay = 500;
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) throw new Error('event stream closed');
        buffer += decoder.decode(chunk.value, { stream: true });
        var end;
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
          var block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          block.split('\\n').forEach(function (line) {
            if (line.indexOf('data: ') === 0) dispatch(JSON.parse(line.slice(6)));
          });
        }
        return pump();
      });
    }
    return pump();
  }).catch(function () {
    // Server restarted or tab slept: reconnect with backoff, as EventSource would.
    setTimeout(function () { openStream(Math.min(delay * 2, 10000)); }, delay);
  });
}

// The calls the page may cancel, by request id: a cancel aborts the fetch, and the server,
// seeing the request go, cancels the call as main does on the cancel message.
var cancellable = new Map();
var ipcRenderer = {
  invoke: function (channel, input, requestId) {
    var body = JSON.stringify(input === undefined ? { channel: channel } : { channel: channel, input: input });
    var init = { method: 'POST', headers: headers(true), body: body, cache: 'no-store' };
    if (requestId !== undefined) {
      var controller = new AbortController();
      cancellable.set(requestId, controller);
      init.signal = controller.signal;
    }
    return fetch('${PREVIEW_PATH}/invoke', init)
      .then(function (response) {
        return response.json().then(function (data) {
          // Non-2xx is how Electron's invoke rejects (no handler, refused): reject likewise.
          if (!response.ok) throw new Error(data && data.error ? data.error : 'HTTP ' + response.status);
          return data;
        });
      })
      .catch(function (error) {
        // Cancelled by the page: answered as main answers a read it did not run.
        if (init.signal && init.signal.aborted) return { ok: false, error: { code: 'cancelled', message: 'failures.cancelled' } };
        throw error;
      })
      .finally(function () { cancellable.delete(requestId); });
  },
  on: function (channel, listener) {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel).add(listener);
    if (!streaming) openStream(500);
    return ipcRenderer;
  },
  removeListener: function (channel, listener) {
    var set = listeners.get(channel);
    if (set) set.delete(listener);
    return ipcRenderer;
  },
  // The preload sends two messages of its own: a cancel (above), and the paths of files the
  // user dropped. Here a "path" is the file's name (see webUtils below), which the server
  // looks up in the preview's library folder.
  send: function (channel, payload) {
    if (channel === '${CANCEL_CHANNEL}') {
      var request = cancellable.get(payload);
      if (request) request.abort();
      return;
    }
    if (channel !== '${DROP_CHANNEL}') return;
    fetch('${PREVIEW_PATH}/dropped', {
      method: 'POST', headers: headers(true), body: JSON.stringify({ names: payload }), cache: 'no-store'
    }).catch(function () { /* the server is gone: the drop is lost, as in a closing app */ });
  }
};
// A browser never tells a page where a dropped file lives; its name is all there is.
var webUtils = {
  getPathForFile: function (file) { return file && typeof file.name === 'string' ? file.name : ''; }
};
var contextBridge = {
  exposeInMainWorld: function (key, api) {
    Object.defineProperty(window, key, { value: api, enumerable: true, configurable: false, writable: false });
  }
};
var electron = Object.freeze({ ipcRenderer: ipcRenderer, contextBridge: contextBridge, webUtils: webUtils });
function previewRequire(id) {
  if (id === 'electron') return electron;
  throw new Error('Cannot find module ' + id + ' (the preview provides only electron)');
}
var module = { exports: {} };
(function (require, module, exports) {
`;

const SHIM_TAIL = `
})(previewRequire, module, module.exports);
})();
`;

/** The script served to the page: the shim around the preload's own source text. */
export function wrapPreload(preloadSource: string): string {
  // A line comment at the end of the preload (e.g. a source-map URL) must not swallow
  // the closing parenthesis, hence the newline before the tail.
  return `${SHIM_HEAD}${preloadSource}\n${SHIM_TAIL}`;
}

/** Inserts the preload script first in <head> of the renderer's index.html. */
export function injectPreloadTag(html: string): string {
  const tag = `<script src="${PREVIEW_PATH}/preload.js"></script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${tag}\n${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`;
}
