import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../platform/paths';
import { startPreview } from './server';

/**
 * `npm run preview:web [-- --port 5199 --db ./demo.sqlite]`. Prints the URL with the
 * per-run secret and serves until Ctrl+C.
 */
export async function runPreviewCli(argv: readonly string[], appRoot: string, version: string): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      db: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const dbPath = values.db ?? defaultDatabasePath(process.env, process.platform, homedir());

  const preview = await startPreview({
    dbPath,
    port,
    rendererDir: join(appRoot, 'out', 'renderer'),
    faviconPath: join(appRoot, 'resources', 'icon.png'),
    version,
  });
  process.stdout.write(
    [
      '',
      '  Rapport browser preview (development only; not the packaged app)',
      `  Database: ${preview.databasePath}`,
      `  Open:     ${preview.url}`,
      '',
      '  The link carries a secret for this run only; do not share it. Ctrl+C to stop.',
      '',
    ].join('\n') + '\n',
  );

  const stop = (): void => {
    preview.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
