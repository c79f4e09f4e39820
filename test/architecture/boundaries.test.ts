import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages ESLint gives one import line in a file at `path`. */
async function refusals(path: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, {
    filePath: join(ROOT, path),
  });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint zones (eslint.config.js)', () => {
  it.each([
    ['src-main/features/x/thing.ts', '../../ipc/assemble', 'never imports the wiring'],
    ['src-main/features/x/thing.ts', '../../preview/server', 'never imports the wiring'],
    ['src-main/features/x/contract/api.ts', '../../../cli/program', 'never imports the wiring'],
    ['src-main/features/x/thing.ts', '../care/cadence', 'through its index'],
    ['src-main/features/x/thing.ts', '../../features/care/repository', 'through its index'],
    ['src-main/features/x/contract/api.ts', '../../care/cadence', 'through its index'],
    ['src-main/kernel/thing.ts', '../features/care', 'imports no feature'],
    ['src-main/kernel/cli/thing.ts', '../../cli/program', 'imports no feature'],
    ['src-main/db/thing.ts', '../features/goals/service', 'only its contract'],
    ['src-main/shared/thing.ts', '../kernel/errors', 'only feature contracts'],
    ['src-main/ipc/thing.ts', '../features/sales/service', 'only through its index'],
    ['src-main/platform/thing.ts', '../features/goals/scorecard', 'only through its index'],
    ['src-main/features/x/contract.ts', 'node:fs', 'main-process only'],
    ['src-renderer/src/thing.ts', '../../src-main/db/schema', 'only src-main/shared'],
  ])('%s may not import %s', async (path, specifier, reason) => {
    const messages = await refusals(path, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(reason);
  });

  it.each([
    ['src-main/features/x/thing.ts', '../care'],
    ['src-main/features/x/thing.ts', '../care/contract'],
    ['src-main/features/x/thing.ts', '../../features/goals/contract/api'],
    ['src-main/features/x/thing.ts', '../../kernel/cli/context'],
    ['src-main/features/x/thing.ts', './repository'],
    ['src-main/features/x/contract/api.ts', '../../goals/contract/definition'],
    ['src-main/ipc/thing.ts', '../features/care'],
    ['src-main/platform/thing.ts', '../features/care/contract'],
    ['src-main/db/thing.ts', '../features/goals/contract/definition'],
    ['src-main/shared/thing.ts', '../features/care/contract'],
    ['src-main/preview/thing.ts', '../features/sales/service'],
    ['test/sales/thing.ts', '../../src-main/features/sales/service'],
  ])('%s may import %s', async (path, specifier) => {
    expect(await refusals(path, specifier)).toEqual([]);
  });
});

describe('no require() on the main side (eslint.config.js)', () => {
  const lint = async (path: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  it('refuses require() in a main-side file and says what to use', async () => {
    const messages = await lint('src-main/features/x/thing.ts', "export const fs = require('node:fs');\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('process.getBuiltinModule');
  });

  it('lets process.getBuiltinModule and tests through', async () => {
    expect(
      await lint('src-main/features/x/thing.ts', "export const fs = process.getBuiltinModule('node:fs');\n"),
    ).toEqual([]);
    expect(await lint('test/x/thing.ts', "export const fs = require('node:fs');\n")).toEqual([]);
  });
});
