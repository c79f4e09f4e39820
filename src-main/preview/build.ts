import { isAbsolute, join, resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig } from 'vite';

export type PreviewTarget = 'preload' | 'renderer';

/**
 * Builds the preload and the renderer exactly as `electron-vite build` does (its resolved
 * configuration, its plugins), minus the main process, which the preview does not run.
 * Building main would also make the preview hostage to main-only build problems.
 */
export async function buildPreviewAssets(options: {
  root: string;
  targets?: readonly PreviewTarget[];
  /** Override output folders (tests build into a temp dir to leave `out/` alone). */
  outDirs?: Partial<Record<PreviewTarget, string>>;
}): Promise<void> {
  const { root } = options;
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const resolved = await resolveConfig(
    { configFile: join(root, 'electron.vite.config.ts'), root, logLevel: 'warn' },
    'build',
    'production',
  );
  for (const target of options.targets ?? (['preload', 'renderer'] as const)) {
    const config = resolved.config?.[target] as InlineConfig | undefined;
    if (!config) throw new Error(`electron.vite.config.ts has no ${target} section.`);
    const configured = config.build?.outDir ?? join('out', target);
    const outDir = options.outDirs?.[target] ?? (isAbsolute(configured) ? configured : resolve(root, configured));
    await build({
      ...config,
      configFile: false,
      logLevel: 'warn',
      build: { ...config.build, outDir, emptyOutDir: true, watch: null },
    });
  }
}
