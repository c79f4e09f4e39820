// Screenshots of every renderer screen in en/it × light/dark, on the fake API with demo data.
//
//   [SHOTS_DIR=/tmp/shots] node test/renderer/screenshots/shoot.mjs [--only sales,settings] [--width 900] [--no-build]
//
// Builds the renderer exactly as `electron-vite build` does (its resolved config) into a temp
// folder, serves it with the app's CSP, injects a fake `window.rapport` (demoBridge.ts) the way
// the preload would, and writes /tmp/shots/<scene>-<lang>-<theme>.png. Console errors and CSP
// violations are printed: a screen that logs one is not done.
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { resolveConfig } from 'electron-vite';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { build } from 'vite';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
// Per checkout, so worktrees building side by side do not serve each other's renderer.
const outDir = join('/tmp/rapport-shots', basename(root), 'renderer');
const shotsDir = process.env.SHOTS_DIR ?? '/tmp/shots';
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
// Another window width (a small laptop: 900) adds it to the file names.
const width = args.includes('--width') ? Number(args[args.indexOf('--width') + 1]) : 1280;
const suffix = width === 1280 ? '' : `-${width}`;

// The policy the app protocol sends (src-main/platform/security.ts), so a violation shows here too;
// style-src allows the coach report's own stylesheet by its hash (the Reports preview's frame).
const { register: registerTsx } = await import('tsx/esm/api');
registerTsx();
const { reportStyleHashes } = await import('../../../src-main/features/reports/html.ts');
const CSP =
  `default-src 'none'; script-src 'self'; style-src 'self' ${reportStyleHashes().join(' ')}; ` +
  "img-src 'self' data: blob: rapport-media:; " +
  "media-src 'self' rapport-media:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

async function buildRenderer() {
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const resolved = await resolveConfig(
    { configFile: join(root, 'electron.vite.config.ts'), root, logLevel: 'warn' },
    'build',
    'production',
  );
  const config = resolved.config.renderer;
  await build({
    ...config,
    configFile: false,
    logLevel: 'warn',
    build: { ...config.build, outDir, emptyOutDir: true },
  });
}

async function bundleBridge() {
  const result = await esbuild({
    entryPoints: [join(root, 'test/renderer/screenshots/demoBridge.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function serve() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    // Electron never asks for a favicon; the browser does, and a 404 would read as a problem.
    if (path === '/favicon.ico') return response.writeHead(204).end();
    try {
      const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html', 'content-security-policy': CSP });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

const settle = (page) => page.waitForTimeout(450);

/** The demo book's "today" for the technique and experiment scenes. */
const DEMO_DAY = '2025-11-28T10:00:00';
/** The learning scenes' today (test/screenshots/learningDemo.ts LEARNING_DAY). */
const LEARNING_DAY = '2026-06-15T10:00:00';

/** Scrolls the app's main pane so the element `selector` is at its top. */
async function scrollToHeading(page, selector) {
  await page.locator(selector).waitFor();
  await page.locator(selector).evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

/** A list's page of `size` rows, scrolled halfway down. */
async function longPage(page, size) {
  await page.getByRole('table').waitFor();
  await page.locator('.pagination select').selectOption(String(size));
  // The range says the new size at once; the page is as tall as its rows once they have come.
  await page.locator(`.page-range:has-text("–${size} ")`).waitFor();
  await page.waitForFunction((rows) => globalThis.document.querySelector('main').scrollHeight > rows * 40, size);
  await page.locator('main').evaluate((main) => main.scrollTo(0, (main.scrollHeight - main.clientHeight) / 2));
}

/** A list with no data yet, once its empty state's heading shows. */
const emptyScene = (route) => ({
  demo: { empty: true },
  route,
  act: async (page) => page.getByRole('heading', { level: 2 }).waitFor(),
});

/** Home's day (test/screenshots/homeDemo.ts HOME_DAY). */
const HOME_DAY = '2026-06-17T10:00:00';

/** Each scene: which demo state, which route, and what to do before the picture. */
const SCENES = {
  // Home on the sample book, as the real backend answers (homeDemo.ts).
  home: {
    home: true,
    clock: HOME_DAY,
    route: '/home',
    act: async (page) => page.locator('.home-cards').waitFor(),
  },
  'home-year': {
    home: true,
    clock: HOME_DAY,
    route: '/home',
    act: async (page, t) => {
      await page.getByRole('radio', { name: t.homeYear }).check({ force: true });
      await page.getByRole('combobox', { name: t.homeCompare }).selectOption('last_year');
      await page.getByRole('button', { name: t.homeShowNumbers }).first().click();
      await page.locator('.home-chart-table').first().waitFor();
      await scrollToHeading(page, '.home-chart-revenue');
    },
  },
  'home-lower': {
    home: true,
    clock: HOME_DAY,
    route: '/home',
    act: async (page) => {
      await page.locator('.home-cards').waitFor();
      await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    },
  },
  // The charts under the cards, the pipeline's and the techniques' numbers open.
  'home-more': {
    home: true,
    clock: HOME_DAY,
    route: '/home',
    act: async (page, t) => {
      await page.locator('.home-more').waitFor();
      for (const chart of ['.home-chart-pipeline', '.home-chart-techniques'])
        await page.locator(chart).getByRole('button', { name: t.homeShowNumbers }).click();
      await scrollToHeading(page, '.home-more');
    },
  },
  'home-empty': { ...emptyScene('/home'), home: true, clock: HOME_DAY },
  // The coach workspace with three sellers' reports the real backend made and kept (coachDemo.ts).
  coach: {
    coach: true,
    route: '/coach',
    act: async (page) => page.locator('.coach-table').first().waitFor(),
  },
  'coach-charts': {
    coach: true,
    route: '/coach',
    act: async (page, t) => {
      await page.locator('.coach-chart').first().waitFor();
      await page.getByRole('button', { name: t.coachShowTable }).first().click();
      await scrollToHeading(page, '.coach-charts');
    },
  },
  'coach-notes': {
    coach: true,
    route: '/coach',
    act: async (page) => {
      await page.locator('.coach-notes').waitFor();
      await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    },
  },
  'coach-refused': {
    coach: true,
    route: '/coach',
    act: async (page, t) => {
      await page.locator('.coach-table').first().waitFor();
      await page.getByRole('button', { name: t.coachOpen }).click();
      await page.locator('.coach-refusal').waitFor();
    },
  },
  'coach-empty': { ...emptyScene('/coach'), coach: true },
  welcome: {
    demo: { onboarded: false },
    route: '/',
    act: async (page) => page.getByRole('heading', { level: 1 }).waitFor(),
  },
  'welcome-progress': {
    demo: { onboarded: false },
    route: '/',
    act: async (page, t) => {
      await page.getByRole('button', { name: t.sample }).click();
      await page.waitForTimeout(300);
    },
  },
  sales: { route: '/sales', act: async (page) => page.getByRole('table').waitFor() },
  'sales-paging': {
    route: '/sales',
    act: async (page) => {
      await page.getByRole('table').waitFor();
      await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    },
  },
  // A page of 200 rows draws only those near the window (RowsTable): halfway down it.
  'sales-long': { route: '/sales', act: (page) => longPage(page, 200) },
  'sales-filtered': {
    route: '/sales',
    act: async (page, t) => {
      await page.getByRole('table').waitFor();
      await page.getByRole('checkbox', { name: t.won }).check({ force: true });
      await page.getByRole('searchbox').fill('showroom');
      await page.getByRole('columnheader', { name: t.amount }).getByRole('button').click();
    },
  },
  'sales-empty': emptyScene('/sales'),
  'sale-new-errors': {
    route: '/sales',
    act: async (page, t) => {
      await page.getByRole('table').waitFor();
      await page.keyboard.press('Control+n');
      await page.getByLabel(t.amountLabel).fill('12,34,5');
      await page.getByRole('radio', { name: t.lost }).check({ force: true });
      await page.getByRole('button', { name: t.addSale }).click();
    },
  },
  'sale-edit': {
    route: '/sales',
    act: async (page) => {
      await page.getByRole('table').waitFor();
      await page.getByRole('row').nth(1).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  'sale-delete-confirm': {
    route: '/sales',
    act: async (page, t) => {
      await page.getByRole('row').nth(3).click();
      await page.getByRole('dialog').getByRole('button', { name: t.delete }).click();
      await page.getByRole('alertdialog').waitFor();
    },
  },
  'customer-picker': {
    route: '/sales',
    act: async (page, t) => {
      await page.getByRole('table').waitFor();
      await page.keyboard.press('Control+n');
      await page.getByRole('dialog').getByRole('combobox', { name: t.customer }).fill('gi');
      await page.getByRole('listbox').getByRole('option').first().waitFor();
    },
  },
  'sales-error': {
    demo: { failing: ['sales.list'] },
    route: '/sales',
    act: async (page) => page.getByRole('alert').first().waitFor(),
  },
  'sale-save-error': {
    demo: { failing: ['sales.create'] },
    route: '/sales',
    act: async (page, t) => {
      await page.getByRole('table').waitFor();
      await page.keyboard.press('Control+n');
      await page.getByLabel(t.titleLabel, { exact: true }).fill('Pilot');
      await page.getByRole('dialog').getByRole('combobox', { name: t.customer }).fill('anna');
      await page.getByRole('listbox').getByRole('option').first().click();
      await page.getByLabel(t.amountLabel).fill('100');
      await page.getByRole('button', { name: t.addSale }).click();
      await page.getByRole('dialog').getByRole('alert').waitFor();
    },
  },
  customers: { route: '/customers', act: async (page) => page.getByRole('table').waitFor() },
  'customers-empty': emptyScene('/customers'),
  'customer-new-duplicate': {
    route: '/customers',
    act: async (page, t) => {
      await page.getByRole('button', { name: t.newCustomer }).first().click();
      await page.getByLabel(t.nameLabel, { exact: true }).fill('Anna Moretti');
      await page.getByRole('status').filter({ hasText: t.duplicate }).waitFor();
    },
  },
  'customer-detail': { route: '/customers/1', act: async (page) => page.getByRole('heading', { level: 1 }).waitFor() },
  settings: { route: '/settings', act: async (page) => page.getByText('rapport.sqlite').waitFor() },
  // The coach report on the sample book: options and the preview the real backend made (reportsDemo.ts).
  reports: {
    reports: true,
    clock: HOME_DAY,
    route: '/reports',
    act: async (page) => {
      await page.locator('iframe.reports-sheet').waitFor();
      // As the recorded preview was made: the month's first journal entry picked.
      await page.locator('.reports-journal-list input').first().check({ force: true });
      await page.frameLocator('iframe.reports-sheet').locator('h1').waitFor();
      await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
    },
  },
  // Lower down: privacy, the month's journal entries to pick, the words, the file.
  'reports-lower': {
    reports: true,
    clock: HOME_DAY,
    route: '/reports',
    act: async (page) => {
      await page.locator('iframe.reports-sheet').waitFor();
      await page.locator('.reports-journal-list input').first().check({ force: true });
      await scrollToHeading(page, '.reports-journal-list');
    },
  },
  // A database damaged on disk, open read-only: the banner over every screen.
  'damaged-banner': {
    demo: { damaged: true },
    route: '/sales',
    act: async (page) => page.locator('.damaged-banner').waitFor(),
  },
  // Settings → Your data → Automatic backups.
  'settings-backups': {
    // With the export log below it, as the real backend answers it.
    reports: true,
    route: '/settings',
    act: async (page) => scrollToHeading(page, '#automatic-backups'),
  },
  'settings-backups-empty': {
    ...emptyScene('/settings'),
    act: async (page) => scrollToHeading(page, '#automatic-backups'),
  },
  // Settings' export log: two reports saved by the real backend.
  'settings-log': {
    reports: true,
    clock: HOME_DAY,
    route: '/settings',
    act: async (page) => scrollToHeading(page, '#settings-export-log'),
  },
  journal: { route: '/journal', act: async (page, t) => page.getByRole('list', { name: t.timeline }).waitFor() },
  'journal-empty': emptyScene('/journal'),
  'journal-filtered': {
    route: '/journal',
    act: async (page, t) => {
      await page.getByRole('list', { name: t.timeline }).waitFor();
      await page.getByRole('combobox', { name: t.outcome }).selectOption({ index: 1 });
    },
  },
  'journal-editor': {
    route: '/journal',
    act: async (page, t) => {
      await page.getByRole('list', { name: t.timeline }).waitFor();
      await page.getByRole('button', { name: t.newEntry }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t.titleLabel, { exact: true }).fill(t.entryTitle);
      await dialog.getByRole('checkbox', { name: t.spin }).check({ force: true });
      await dialog.getByRole('radio', { name: t.worked, exact: true }).check({ force: true });
      await dialog.getByLabel(t.bodyLabel).fill(t.entryBody);
      await dialog.getByRole('region', { name: t.preview }).getByRole('link').waitFor();
      await dialog.getByLabel(t.bodyLabel).scrollIntoViewIfNeeded();
    },
  },
  'journal-detail': {
    route: '/journal',
    act: async (page, t) => {
      await page.getByRole('list', { name: t.timeline }).getByRole('button').first().click();
      await page.getByRole('dialog').getByRole('heading', { level: 2 }).first().waitFor();
      await page.getByRole('dialog').locator('.markdown a').waitFor();
    },
  },
  techniques: {
    route: '/journal/techniques',
    act: async (page) => page.locator('.technique-card').first().waitFor(),
  },
  'techniques-empty': emptyScene('/journal/techniques'),
  'techniques-starter': {
    route: '/journal/techniques',
    act: async (page, t) => {
      await page.locator('.technique-card').first().waitFor();
      await page.getByRole('button', { name: t.addStarter }).first().click();
      await page.getByRole('dialog').getByRole('checkbox').first().waitFor();
      await page.getByRole('dialog').getByRole('checkbox').nth(1).check({ force: true });
    },
  },
  'techniques-merge': {
    route: '/journal/techniques',
    act: async (page, t) => {
      await page.locator('.technique-card').nth(1).waitFor();
      await page.locator('.technique-card').nth(4).getByRole('button').click();
      await page.getByRole('menuitem', { name: t.mergeInto }).click();
      await page.getByRole('dialog').getByRole('combobox').selectOption({ index: 1 });
      await page.getByRole('dialog').getByRole('status').waitFor();
    },
  },
  search: {
    route: '/journal',
    act: async (page, t) => {
      await page.getByRole('list', { name: t.timeline }).waitFor();
      await page.keyboard.press('/');
      await page.getByRole('combobox', { name: t.searchLabel }).pressSequentially(t.searchText, { delay: 20 });
      await page.getByRole('listbox').getByRole('option').first().waitFor();
      await page.keyboard.press('ArrowDown');
    },
  },
  'search-none': {
    route: '/journal',
    act: async (page, t) => {
      await page.getByRole('list', { name: t.timeline }).waitFor();
      await page.keyboard.press('/');
      await page.getByRole('combobox', { name: t.searchLabel }).fill('zzzz');
      await page.getByText(t.noResults).waitFor();
    },
  },
  'customer-journal': {
    route: '/customers/1',
    act: async (page, t) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
      const section = page.getByRole('region', { name: t.journalTitle, exact: true });
      await section.locator('.journal-timeline').waitFor();
      await section.scrollIntoViewIfNeeded();
    },
  },
  // The demo book ends late in 2025: the technique scenes look at it from then.
  'what-works': {
    clock: DEMO_DAY,
    route: '/journal/what-works',
    act: async (page) => page.locator('.ww-stats tbody tr').first().waitFor(),
  },
  'what-works-chart': {
    clock: DEMO_DAY,
    route: '/journal/what-works',
    act: async (page) => scrollToHeading(page, '#ww-chart'),
  },
  'what-works-segments': {
    clock: DEMO_DAY,
    route: '/journal/what-works',
    act: async (page) => scrollToHeading(page, '#ww-segments'),
  },
  'what-works-usage': {
    clock: DEMO_DAY,
    route: '/journal/what-works',
    act: async (page) => scrollToHeading(page, '#ww-usage'),
  },
  'what-works-segment-filter': {
    clock: DEMO_DAY,
    route: '/journal/what-works',
    act: async (page, t) => {
      await page.locator('.ww-stats tbody tr').first().waitFor();
      await page.getByRole('combobox', { name: t.segment }).selectOption('Enterprise');
      await page.getByRole('radio', { name: t.thisQuarter }).check({ force: true });
      await page.locator('.ww-waiting').first().waitFor();
    },
  },
  experiments: {
    clock: DEMO_DAY,
    route: '/journal/experiments',
    act: async (page) => page.locator('.xp-card').first().waitFor(),
  },
  'experiment-new': {
    clock: DEMO_DAY,
    route: '/journal/experiments',
    act: async (page, t) => {
      await page.locator('.xp-card').first().waitFor();
      await page.getByRole('button', { name: t.newExperiment }).first().click();
      await page.getByRole('dialog').getByRole('button', { name: t.startExperiment }).click();
      await page.getByRole('dialog').locator('.field-error').first().waitFor();
    },
  },
  'experiment-conclude': {
    clock: DEMO_DAY,
    route: '/journal/experiments',
    act: async (page, t) => {
      await page.getByRole('button', { name: t.writeConclusion }).first().click();
      await page.getByRole('dialog').waitFor();
    },
  },
  // The library: covers, rows, an item with highlights and a takeaway, the import's results.
  library: {
    route: '/library',
    act: async (page, t) => {
      await page.locator('.library-grid img').first().waitFor();
      await page.getByRole('radio', { name: t.covers }).check({ force: true });
      await page.getByRole('checkbox', { name: t.selectFirst }).check({ force: true });
      await page.mouse.move(0, 0);
    },
  },
  'library-list': {
    route: '/library',
    act: async (page, t) => {
      await page.locator('.library-grid, .library-table').first().waitFor();
      await page.getByRole('radio', { name: t.list }).check({ force: true });
      await page.locator('.library-table').waitFor();
    },
  },
  'library-empty': emptyScene('/library'),
  'library-item': {
    route: '/library/1',
    act: async (page) => {
      await page.locator('.highlight').first().waitFor();
      await page.locator('.library-markdown strong').waitFor();
    },
  },
  'library-highlights': {
    route: '/library/1',
    act: async (page) => scrollToHeading(page, '.library-highlights'),
  },
  'library-takeaway': {
    route: '/library/1',
    act: async (page, t) => {
      await page.locator('.highlight').first().getByRole('button', { name: t.makeTakeaway }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: t.newTechnique }).check({ force: true });
      await dialog.getByLabel(t.techniqueName).fill(t.techniqueNameText);
    },
  },
  'library-import': {
    route: '/library',
    act: async (page, t) => {
      await page.locator('.library-grid, .library-table').first().waitFor();
      await page.getByRole('button', { name: t.addFiles }).click();
      await page.getByRole('menuitem', { name: t.chooseFiles }).click();
      await page.getByRole('button', { name: t.compare }).click();
      await page.locator('.merge-table').waitFor();
      await page.locator('.merge-actions').scrollIntoViewIfNeeded();
    },
  },
  // Highlights from a Kindle, Goodreads or Readwise: the file chosen, the counts, a file that fails.
  'library-highlights-import': {
    route: '/library',
    act: async (page, t) => {
      await page.locator('.library-grid, .library-table').first().waitFor();
      await page.getByRole('button', { name: t.addFiles }).click();
      await page.getByRole('menuitem', { name: t.importHighlights }).click();
      await page.getByRole('dialog').getByRole('button', { name: t.chooseFile }).click();
      await page.getByRole('dialog').locator('.highlights-import-name').waitFor();
    },
  },
  'library-highlights-result': {
    route: '/library',
    act: async (page, t) => {
      await page.locator('.library-grid, .library-table').first().waitFor();
      await page.getByRole('button', { name: t.addFiles }).click();
      await page.getByRole('menuitem', { name: t.importHighlights }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: t.chooseFile }).click();
      await dialog.getByRole('button', { name: t.runImport, exact: true }).click();
      await dialog.locator('.highlights-import-counts').waitFor();
    },
  },
  'library-highlights-failed': {
    route: '/library',
    act: async (page, t) => {
      await page.locator('.library-grid, .library-table').first().waitFor();
      await page.getByRole('button', { name: t.addFiles }).click();
      await page.getByRole('menuitem', { name: t.importHighlights }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: 'Goodreads' }).check({ force: true });
      await dialog.getByRole('button', { name: t.chooseFile }).click();
      await dialog.getByRole('button', { name: t.runImport, exact: true }).click();
      await dialog.getByRole('alert').waitFor();
    },
  },
  'library-add': {
    route: '/library',
    act: async (page, t) => {
      await page.locator('.library-grid, .library-table').first().waitFor();
      await page.getByRole('button', { name: t.addByHand }).first().click();
      await page.getByRole('dialog').getByLabel(t.titleLabel, { exact: true }).fill(t.bookTitle);
    },
  },
  // Learning in Goals and Follow-ups (demoLearning.ts), looked at on Monday 15 June 2026.
  'goals-learning': {
    learning: true,
    clock: LEARNING_DAY,
    route: '/goals',
    act: async (page, t) => page.getByRole('list', { name: t.learningPlan }).waitFor(),
  },
  'goal-learning': {
    learning: true,
    clock: LEARNING_DAY,
    route: '/goals/1',
    act: async (page) => page.getByRole('heading', { level: 1 }).waitFor(),
  },
  'goal-learning-form': {
    learning: true,
    clock: LEARNING_DAY,
    route: '/goals',
    act: async (page, t) => {
      await page.getByRole('button', { name: t.newGoal }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t.nameLabel, { exact: true }).fill(t.learningGoal);
      await dialog.getByLabel(t.measure).selectOption('learning_minutes');
      await dialog.getByLabel(t.target, { exact: true }).fill('30');
      await dialog.getByRole('radio', { name: t.repeats }).check({ force: true });
      await dialog.getByLabel(t.howOften).selectOption('weekly');
    },
  },
  'followups-actions': {
    learning: true,
    clock: LEARNING_DAY,
    route: '/followups',
    act: async (page) => page.locator('.followup-action').first().waitFor(),
  },
  training: { route: '/training', act: async (page) => page.locator('.training-card').first().waitFor() },
  'training-empty': emptyScene('/training'),
  'training-focused': {
    route: '/training?focus=6',
    act: async (page) => page.locator('.training-focused').waitFor(),
  },
  'training-editor': {
    route: '/training',
    act: async (page, t) => {
      await page.locator('.training-card').first().waitFor();
      await page.getByRole('button', { name: t.newNote }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByRole('combobox', { name: t.productLabel, exact: true })
        .selectOption({ label: 'Consulting day' });
      await dialog.getByLabel(t.featuresLabel).fill(t.features);
      await dialog.getByRole('button', { name: t.addObjection }).click();
      await page.keyboard.type(t.objection);
      await page.keyboard.press('Enter');
      await page.keyboard.type(t.answer);
      await dialog.getByRole('button', { name: t.addObjection }).click();
      await dialog.getByRole('button', { name: t.addObjection }).scrollIntoViewIfNeeded();
    },
  },
  'training-edit': {
    route: '/training',
    act: async (page, t) => {
      await page.locator('.training-card').first().getByRole('button').click();
      await page.getByRole('menuitem', { name: t.edit }).click();
      await page.getByRole('dialog').locator('.training-objection-row').first().scrollIntoViewIfNeeded();
    },
  },
  'training-discard': {
    route: '/training',
    act: async (page, t) => {
      await page.locator('.training-card').first().waitFor();
      await page.getByRole('button', { name: t.newNote }).first().click();
      await page.getByRole('dialog').getByRole('radio', { name: t.segmentLabel }).check({ force: true });
      await page.getByRole('dialog').getByRole('combobox', { name: t.segmentLabel, exact: true }).fill('Mid');
      await page.keyboard.press('Escape');
      await page.getByRole('alertdialog').waitFor();
    },
  },
  'training-conflict': {
    route: '/training',
    act: async (page, t) => {
      await page.locator('.training-card').first().waitFor();
      await page.getByRole('button', { name: t.newNote }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: t.segmentLabel }).check({ force: true });
      await dialog.getByRole('combobox', { name: t.segmentLabel, exact: true }).fill('smb');
      await dialog.getByRole('button', { name: t.addNote }).click();
      await dialog.getByRole('alert').waitFor();
    },
  },
  'sale-training': {
    route: '/sales',
    act: async (page, t) => {
      await page.getByRole('table').waitFor();
      await page.keyboard.press('Control+n');
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(t.titleLabel, { exact: true }).fill(t.saleTitle);
      await dialog.getByRole('combobox', { name: t.customer }).fill('gi');
      await page.getByRole('listbox').getByRole('option').first().click();
      await dialog.getByLabel(t.saleProduct).selectOption({ label: 'LED panel kit' });
      await dialog.getByRole('button', { name: t.whatYouKnow }).click();
      await dialog.locator('.training-panel-body').waitFor();
    },
  },
  'sale-training-folded': {
    route: '/sales',
    act: async (page, t) => {
      await page.getByRole('table').waitFor();
      await page.keyboard.press('Control+n');
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: t.customer }).fill('gi');
      await page.getByRole('listbox').getByRole('option').first().click();
      await dialog.getByLabel(t.saleProduct).selectOption({ label: 'Maintenance plan' });
      await dialog.getByRole('button', { name: t.whatYouKnow }).waitFor();
    },
  },
  'search-training': {
    route: '/training',
    act: async (page, t) => {
      await page.locator('.training-card').first().waitFor();
      await page.keyboard.press('/');
      await page.getByRole('combobox', { name: t.searchLabel }).pressSequentially(t.trainingSearch, { delay: 20 });
      await page.getByRole('listbox').getByRole('option').first().waitFor();
    },
  },
};

const WORDS = {
  en: {
    sample: /Explore with sample data/,
    won: 'Won',
    lost: 'Lost',
    amount: /Amount/,
    amountLabel: 'Amount',
    titleLabel: 'Title',
    addSale: 'Add sale',
    delete: 'Delete',
    customer: 'Customer',
    newCustomer: 'New customer',
    nameLabel: 'Name',
    duplicate: 'Possible duplicate',
    timeline: 'Journal entries, newest first',
    outcome: /^Outcome/,
    newEntry: 'New entry',
    entryTitle: 'Referral ask after the install',
    spin: 'SPIN questions',
    worked: 'Worked',
    bodyLabel: /^Notes \(Markdown\)/,
    entryBody:
      '## Asked on delivery day\n\nThey were **happy** with the result, so I asked for *two names*.\n\n- Marco at the hotel\n- Sara, the architect\n\nScript from [the referral guide](https://example.com/referrals).',
    preview: 'Preview',
    addStarter: 'Add starter techniques',
    mergeInto: 'Merge into…',
    searchLabel: 'Search everything',
    searchText: 'showroom',
    noResults: /No results/,
    journalTitle: 'Journal',
    segment: 'Segment',
    thisQuarter: 'This quarter',
    newExperiment: 'New experiment',
    startExperiment: 'Start experiment',
    writeConclusion: 'Write the conclusion',
    learningPlan: 'Learning plan',
    homeYear: 'This year',
    homeCompare: 'Compare with',
    homeShowNumbers: 'Show the numbers',
    coachShowTable: 'Show the numbers',
    coachOpen: 'Open a report…',
    newGoal: 'New goal',
    learningGoal: '30 minutes of training a week',
    measure: 'What to measure',
    target: 'Target',
    repeats: 'Repeats',
    howOften: 'How often',
    covers: 'Covers',
    list: 'List',
    selectFirst: 'Select “Price Without Fear”',
    makeTakeaway: 'Make a takeaway',
    newTechnique: 'A new one',
    techniqueName: 'Name of the new technique',
    techniqueNameText: 'Price, then pause',
    addFiles: 'Add files',
    chooseFiles: 'Choose files…',
    importHighlights: 'Import highlights…',
    chooseFile: 'Choose file…',
    runImport: 'Import',
    compare: 'Compare',
    addByHand: 'Add by hand',
    bookTitle: 'The Quiet Hour',
    newNote: 'New note',
    addNote: 'Add note',
    productLabel: 'Product',
    saleProduct: /^Product/,
    featuresLabel: /^Features/,
    features: 'A day on site: we walk the shop, measure the light and leave a written plan.',
    addObjection: 'Add an objection',
    objection: 'A day is too long for us.',
    answer: 'Offer the morning only, with the written plan sent the next day.',
    edit: 'Edit',
    segmentLabel: 'Segment',
    saleTitle: 'Showroom relighting',
    whatYouKnow: /What you know/,
    trainingSearch: 'payback',
  },
  it: {
    sample: /Esplora con dati di esempio/,
    won: 'Vinta',
    lost: 'Persa',
    amount: /Importo/,
    amountLabel: 'Importo',
    titleLabel: 'Titolo',
    addSale: 'Aggiungi vendita',
    delete: 'Elimina',
    customer: 'Cliente',
    newCustomer: 'Nuovo cliente',
    nameLabel: 'Nome',
    duplicate: 'Possibile duplicato',
    timeline: 'Note del diario, dalla più recente',
    outcome: /^Esito/,
    newEntry: 'Nuova nota',
    entryTitle: 'Richiesta di referenze dopo l’installazione',
    spin: 'Domande SPIN',
    worked: 'Ha funzionato',
    bodyLabel: /^Appunti \(Markdown\)/,
    entryBody:
      '## Chiesto il giorno della consegna\n\nErano **contenti** del risultato, così ho chiesto *due nomi*.\n\n- Marco dell’hotel\n- Sara, l’architetta\n\nCopione dalla [guida alle referenze](https://example.com/referrals).',
    learningPlan: 'Piano di studio',
    homeYear: "Quest'anno",
    homeCompare: 'Confronta con',
    homeShowNumbers: 'Mostra i numeri',
    coachShowTable: 'Mostra i numeri',
    coachOpen: 'Apri un report…',
    newGoal: 'Nuovo obiettivo',
    learningGoal: '30 minuti di formazione a settimana',
    measure: 'Cosa misurare',
    target: 'Traguardo',
    repeats: 'Si ripete',
    howOften: 'Ogni quanto',
    preview: 'Anteprima',
    addStarter: 'Aggiungi tecniche di base',
    mergeInto: 'Unisci a…',
    searchLabel: 'Cerca in tutto',
    searchText: 'citta',
    noResults: /Nessun risultato/,
    journalTitle: 'Diario',
    segment: 'Segmento',
    thisQuarter: 'Questo trimestre',
    newExperiment: 'Nuovo esperimento',
    startExperiment: "Avvia l'esperimento",
    writeConclusion: 'Scrivi la conclusione',
    covers: 'Copertine',
    list: 'Elenco',
    selectFirst: 'Seleziona «Il prezzo senza paura»',
    makeTakeaway: 'Trasforma in spunto',
    newTechnique: 'Una nuova',
    techniqueName: 'Nome della nuova tecnica',
    techniqueNameText: 'Prezzo, poi pausa',
    addFiles: 'Aggiungi file',
    chooseFiles: 'Scegli file…',
    importHighlights: 'Importa evidenziazioni…',
    chooseFile: 'Scegli il file…',
    runImport: 'Importa',
    compare: 'Confronta',
    addByHand: 'Aggiungi a mano',
    bookTitle: 'L’ora silenziosa',
    newNote: 'Nuova scheda',
    addNote: 'Aggiungi scheda',
    productLabel: 'Prodotto',
    saleProduct: /^Prodotto/,
    featuresLabel: /^Caratteristiche/,
    features: 'Una giornata in sede: giriamo il negozio, misuriamo la luce e lasciamo un piano scritto.',
    addObjection: "Aggiungi un'obiezione",
    objection: 'Una giornata intera è troppo per noi.',
    answer: 'Proponi solo la mattina, con il piano scritto inviato il giorno dopo.',
    edit: 'Modifica',
    segmentLabel: 'Segmento',
    saleTitle: 'Nuova illuminazione dello showroom',
    whatYouKnow: /Cosa sai/,
    trainingSearch: 'rientro',
  },
};

if (!args.includes('--no-build')) await buildRenderer();
// The learning scenes' data, made by the real backend (through tsx, as the web preview runs it).
const learning = {};
if (Object.entries(SCENES).some(([name, scene]) => scene.learning && (!only || only.includes(name)))) {
  const { register } = await import('tsx/esm/api');
  register();
  const { learningReplies } = await import('../../screenshots/learningDemo.ts');
  for (const language of ['en', 'it']) learning[language] = await learningReplies(language);
}
// Home's data, made by the real backend on the sample book.
const home = {};
if (Object.entries(SCENES).some(([name, scene]) => scene.home && (!only || only.includes(name)))) {
  const { register } = await import('tsx/esm/api');
  register();
  const { homeReplies } = await import('../../screenshots/homeDemo.ts');
  for (const language of ['en', 'it']) home[language] = await homeReplies(language);
}
// The coach workspace's data, made by the real backend from three sellers' sample books.
let coach;
if (Object.entries(SCENES).some(([name, scene]) => scene.coach && (!only || only.includes(name)))) {
  const { register } = await import('tsx/esm/api');
  register();
  const { coachReplies } = await import('../../screenshots/coachDemo.ts');
  coach = await coachReplies();
}
// The Reports screen's data, made by the real backend on the sample book.
const reports = {};
if (Object.entries(SCENES).some(([name, scene]) => scene.reports && (!only || only.includes(name)))) {
  const { register } = await import('tsx/esm/api');
  register();
  const { reportsReplies } = await import('../../screenshots/reportsDemo.ts');
  for (const language of ['en', 'it']) reports[language] = await reportsReplies(language);
}
const bridge = await bundleBridge();
const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
await mkdir(shotsDir, { recursive: true });

const browser = await launchChromium();
const problems = [];
try {
  for (const language of ['en', 'it']) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({
        viewport: { width, height: 800 },
        colorScheme: scheme,
        locale: language === 'it' ? 'it-IT' : 'en-GB',
      });
      for (const [name, scene] of Object.entries(SCENES)) {
        if (only && !only.includes(name)) continue;
        const page = await context.newPage();
        const demo = {
          language,
          onboarded: true,
          empty: false,
          ...scene.demo,
          ...(scene.learning ? { learning: learning[language] } : {}),
          ...(scene.home ? { home: home[language] } : {}),
          ...(scene.coach ? { coach } : {}),
          ...(scene.reports ? { reports: reports[language] } : {}),
        };
        await page.addInitScript(`window.__RAPPORT_DEMO__ = ${JSON.stringify(demo)};\n${bridge}`);
        page.on(
          'console',
          (m) =>
            m.type() === 'error' &&
            // addInitScript (the demo bridge) is tried in every frame: the report preview's sandboxed
            // frame refuses it, as it refuses every script. That refusal is the point, not a problem.
            !/Blocked script execution in 'about:srcdoc'.*sandboxed/.test(m.text()) &&
            problems.push(`${name}/${language}/${scheme}: ${m.text()}`),
        );
        page.on('pageerror', (e) => problems.push(`${name}/${language}/${scheme}: ${e.message}`));
        if (scene.clock) await page.clock.setFixedTime(new Date(scene.clock));
        await page.goto(`${base}#${scene.route}`);
        try {
          await scene.act(page, WORDS[language]);
        } catch (error) {
          await page.screenshot({ path: join(shotsDir, `FAILED-${name}-${language}-${scheme}.png`) });
          throw new Error(`${name}/${language}/${scheme} failed; console: ${problems.join(' | ')}`, { cause: error });
        }
        await settle(page);
        const file = join(shotsDir, `${name}-${language}-${scheme}${suffix}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await page.close();
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(`\n${problems.length} console problem(s):\n${problems.join('\n')}`);
  process.exitCode = 1;
}
