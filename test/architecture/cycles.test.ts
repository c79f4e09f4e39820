import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  jsx: ts.JsxEmit.ReactJSX,
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Every import among the files, as TypeScript itself resolves it: static, `import type`,
 * `export … from` and `import()` alike (a cycle of types still ties two modules together).
 */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, RESOLUTION, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && resolved !== file && known.has(resolved)) targets.add(resolved);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The strongly connected components of more than one file (Tarjan): each is an import cycle. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The cycles among the TypeScript files under the folders, as paths relative to `base`. */
function importCycles(base: string, folders: readonly string[]): string[][] {
  const graph = importGraph(folders.flatMap((f) => sourceFiles(join(base, f))));
  return cycles(graph).map((cycle) => cycle.map((file) => relative(base, file)));
}

describe('import cycles', () => {
  it('there are none in src-main and src-renderer (type-only imports count)', () => {
    expect(importCycles(ROOT, ['src-main', 'src-renderer'])).toEqual([]);
  });

  it('sees the imports of the real tree, .ts and .tsx, through indexes and dynamic imports', () => {
    const graph = importGraph(['src-main', 'src-renderer'].flatMap((f) => sourceFiles(join(ROOT, f))));
    const at = (path: string): string => join(ROOT, path);
    // A feature loaded on its first call is still an import (ipc/features.ts).
    expect(graph.get(at('src-main/ipc/features.ts'))).toEqual(
      expect.arrayContaining([at('src-main/features/care/index.ts'), at('src-main/features/care/contract.ts')]),
    );
    expect(graph.get(at('src-renderer/src/main.tsx'))).toEqual(
      expect.arrayContaining([at('src-renderer/src/App.tsx'), at('src-renderer/src/jitless.ts')]),
    );
  });

  it('finds a cycle, type-only imports and re-exports included, and names its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-cycles-'));
    try {
      mkdirSync(join(dir, 'src', 'feature'), { recursive: true });
      const write = (path: string, text: string): void => writeFileSync(join(dir, 'src', path), text);
      write('a.ts', "import type { B } from './feature';\nexport interface A { b: B }\n");
      write('feature/index.ts', "export * from './b';\n");
      write('feature/b.ts', "import type { A } from '../a';\nexport interface B { a?: A }\n");
      write('c.ts', "import { d } from './d';\nexport const c = (): number => d;\n");
      write('d.ts', "export const d = 1;\nexport const later = (): Promise<unknown> => import('./c');\n");
      write('alone.ts', "import { d } from './d';\nexport const alone = d;\n");
      expect(importCycles(dir, ['src'])).toEqual([
        ['src/a.ts', 'src/feature/b.ts', 'src/feature/index.ts'],
        ['src/c.ts', 'src/d.ts'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
