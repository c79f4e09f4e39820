import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startPreview, type Preview } from '../../src-main/preview/server';
import { buildPreloadBundle } from '../ipc/preloadBuild';
import { closeThenRemove, tempDir } from '../helpers/store';

export const STUB_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Stub renderer</title>
    <script type="module" src="./assets/app.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

export interface PreviewFixture {
  preview: Preview;
  dir: string;
  dbPath: string;
  cleanup(): Promise<void>;
}

/**
 * A preview over a stub renderer (so these tests do not depend on the real UI being
 * mid-change) with the real preload bundle, real handlers and a real SQLite file.
 */
export async function startFixture(rendererDir?: string): Promise<PreviewFixture> {
  const { dir, cleanup: removeDir } = tempDir('rapport-preview-');
  const bundle = await buildPreloadBundle();
  mkdirSync(join(dir, 'preload'));
  cpSync(bundle.file, join(dir, 'preload', 'index.cjs'));
  bundle.cleanup();
  const stub = join(dir, 'renderer');
  mkdirSync(join(stub, 'assets'), { recursive: true });
  writeFileSync(join(stub, 'index.html'), STUB_HTML);
  writeFileSync(join(stub, 'assets', 'app.js'), "document.getElementById('root').textContent = 'stub loaded';\n");
  writeFileSync(join(stub, 'assets', 'chunk-CssfAzG7.js'), 'export const hashed = true;\n');
  writeFileSync(join(dir, 'outside.txt'), 'outside the renderer');
  // Nested folder that does not exist yet: the preview must create it, like the CLI does.
  const dbPath = join(dir, 'data', 'nested', 'rapport.sqlite');
  const preview = await startPreview({
    dbPath,
    port: 0,
    rendererDir: rendererDir ?? stub,
    preloadPath: join(dir, 'preload', 'index.cjs'),
    version: '9.9.9-test',
    log: () => {},
  });
  return {
    preview,
    dir,
    dbPath,
    cleanup: closeThenRemove(preview, removeDir),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: unlike fetch, lets a test forge Host and send unnormalised paths. */
export function rawRequest(
  origin: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * POSTs `body` to the preview's bridge route as the page's main frame does (its Origin, the
 * secret); `headers` replace any of those, and a string `body` goes as it is.
 */
export function postToBridge(
  preview: Preview,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(preview.origin, {
    method: 'POST',
    path: '/__rapport/invoke',
    headers: {
      host: new URL(preview.origin).host,
      origin: preview.origin,
      'content-type': 'application/json',
      'x-rapport-token': preview.token,
      'x-rapport-frame': 'main',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
