import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core, the accessibility rules engine, run inside an E2E page. The engine's source is
 * evaluated through the DevTools protocol rather than added as a <script>: the app's CSP
 * forbids inline scripts, and a test must not loosen the page it is checking.
 */
const axeSource: string = createRequire(import.meta.url)('axe-core').source;

/** WCAG 2.0 and 2.1, levels A and AA: what the app promises. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * The violations on the page as it is now, one readable line per offending element (empty
 * when there are none), so a failing assertion says what to fix and where.
 */
export async function axeViolations(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const { axe } = globalThis as unknown as { axe: { run(options: unknown): Promise<unknown> } };
    // No context: the whole document, dialogs and toasts included.
    const results = (await axe.run({ runOnly: { type: 'tag', values: tags } })) as {
      violations: Violation[];
    };
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  }, TAGS);
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${where}: ${violation.id} (${violation.impact}) ${violation.help} at ${node.target.join(' ')}` +
        (node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ').trim()})` : ''),
    ),
  );
}
