/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, startApp, type E2EApp } from './harness';
import { seedLibrary } from './librarySeed';
import { seedCoach } from './coachSeed';

/**
 * Screens that fit a small laptop: with the sample book, every main screen at 800 and 900 px
 * wide, in English and in Italian (its words are longer), lays out inside the window — nothing
 * spills past the right edge, and nothing that must be read is cut short. A wide table may
 * scroll inside its own card; that is the one sideways scroll allowed. Pictures of each screen
 * at 1280, 900 and 800 px, light and dark, land in test-results/e2e/ to be looked at.
 */

type Page = E2EApp['page'];

interface Screen {
  name: string;
  /** Opens the screen from anywhere and waits for its content. */
  open(page: Page): Promise<void>;
}

const goTo = async (page: Page, route: string, ready: string): Promise<void> => {
  // A dialog left open by the screen before (the entry editor) lives outside the routes: close it.
  while ((await page.locator('.overlay').count()) > 0) await page.keyboard.press('Escape');
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, route);
  await page.locator(ready).first().waitFor();
};

const SCREENS: Screen[] = [
  { name: 'home', open: (page) => goTo(page, '#/home', 'main .home-cards li') },
  { name: 'sales', open: (page) => goTo(page, '#/sales', 'main table tbody tr') },
  { name: 'customers', open: (page) => goTo(page, '#/customers', 'main table tbody tr') },
  {
    name: 'customer',
    open: async (page) => {
      await goTo(page, '#/customers', 'main table tbody tr');
      await page.locator('main table tbody tr').first().click();
      await page.locator('main .page-header h1').waitFor();
      await page.locator('main .kpi').first().waitFor();
    },
  },
  { name: 'followups', open: (page) => goTo(page, '#/followups', 'main li') },
  {
    name: 'complaints',
    open: async (page) => {
      await goTo(page, '#/followups/complaints', 'main .page-header');
      await page.locator('main input[type=radio]').last().check({ force: true });
      await page.locator('main table tbody tr').first().waitFor();
    },
  },
  { name: 'goals', open: (page) => goTo(page, '#/goals', 'main a[href*="#/goals/"]') },
  {
    name: 'goal',
    open: async (page) => {
      await goTo(page, '#/goals', 'main a[href*="#/goals/"]');
      const first = page.locator('main a[href^="#/goals/"]:not([href$="scorecard"])').first();
      await first.click();
      await page.locator('main .kpi').first().waitFor();
    },
  },
  {
    name: 'what-works',
    open: (page) => goTo(page, '#/journal/what-works', 'main .ww-stats tbody tr, main .state-panel'),
  },
  { name: 'experiments', open: (page) => goTo(page, '#/journal/experiments', 'main .xp-card, main .state-panel') },
  { name: 'journal', open: (page) => goTo(page, '#/journal', 'main .journal-item') },
  {
    name: 'journal-editor',
    open: async (page) => {
      await goTo(page, '#/journal', 'main .journal-item');
      await page.locator('main .page-header .btn-primary').click();
      await page.locator('.dialog-wide .journal-body-editor').waitFor();
    },
  },
  { name: 'techniques', open: (page) => goTo(page, '#/journal/techniques', 'main .technique-card') },
  {
    name: 'library',
    open: async (page) => {
      await goTo(page, '#/library', 'main .library-grid, main .library-table');
      await page.locator('main .library-layout input[value="covers"]').check({ force: true });
      await page.locator('main .library-grid').waitFor();
    },
  },
  {
    name: 'coach',
    open: async (page) => {
      await goTo(page, '#/coach', 'main .coach');
      await seedCoach(page);
    },
  },
  {
    name: 'library-list',
    open: async (page) => {
      await goTo(page, '#/library', 'main .library-grid, main .library-table');
      await page.locator('main .library-layout input[value="list"]').check({ force: true });
      await page.locator('main .library-table').waitFor();
    },
  },
  {
    name: 'library-item',
    open: async (page) => {
      await goTo(page, '#/library', 'main .library-grid, main .library-table');
      await page.locator('main a[href*="#/library/"]').first().click();
      await page.locator('main .library-item-head h1').waitFor();
      await page.locator('main .library-side-card').first().waitFor();
    },
  },
  {
    name: 'library-add',
    open: async (page) => {
      await goTo(page, '#/library', 'main .library-grid, main .library-table');
      await page.locator('main .page-header .header-actions .btn').first().click();
      await page.locator('.dialog-wide .library-people').waitFor();
    },
  },
  {
    name: 'library-highlights',
    open: async (page) => {
      await goTo(page, '#/library', 'main .library-grid, main .library-table');
      // The Add files menu's last item: Import highlights…
      await page.locator('main .page-header .header-actions .btn-primary').click();
      await page.getByRole('menuitem').last().click();
      await page.locator('.dialog .highlights-import-file').waitFor();
    },
  },
  {
    name: 'reports',
    open: async (page) => {
      await goTo(page, '#/reports', 'main iframe.reports-sheet');
      await page.frameLocator('main iframe.reports-sheet').locator('h1').waitFor({ timeout: 30_000 });
    },
  },
  { name: 'settings', open: (page) => goTo(page, '#/settings', 'main #setting-language') },
];

/**
 * What does not fit: elements whose right edge passes the window (unless a scroll box they are
 * in keeps them inside it), and text cut with an ellipsis in places where the whole figure or
 * name must show. Described as "tag.class 'text' right=…" so a failure says what and where.
 */
async function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const describe = (element: Element, why: string): string =>
      `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} '${(element.textContent ?? '')
        .trim()
        .slice(0, 40)}' ${why}`;
    if (document.documentElement.scrollWidth > width)
      found.push(`document ${document.documentElement.scrollWidth} > ${width}`);
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth + 1) found.push(`main scrolls sideways (${main.scrollWidth})`);

    const scrollsSideways = (element: Element): boolean => {
      const style = getComputedStyle(element);
      return style.overflowX === 'auto' || style.overflowX === 'scroll';
    };
    for (const element of document.querySelectorAll('main *, .sidebar *, .dialog *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let scroller: Element | null = element.parentElement;
      while (scroller && !scrollsSideways(scroller)) scroller = scroller.parentElement;
      const inside = scroller && scroller !== main ? scroller.getBoundingClientRect().right : width;
      if (box.right > Math.min(inside, width) + 1 && !(scroller && scroller !== main))
        found.push(describe(element, `right=${Math.round(box.right)}`));
      // Figures, headings, badges and buttons show whole; other text may end in an ellipsis
      // (its full text is in a tooltip) but not be squeezed to a stub of a few letters.
      const style = getComputedStyle(element);
      const cut = style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1;
      if (cut && (element.matches('.kpi-value, .page-header *, .badge, .btn, .btn *') || element.clientWidth < 90))
        found.push(describe(element, `is cut with an ellipsis at ${element.clientWidth} px`));
    }
    // A list's last column (amounts, status, the last purchase) is in view without scrolling;
    // the goal page's figures behind its chart may scroll in their card.
    for (const table of document.querySelectorAll('main .table-wrap > table:is(.table-interactive, .table-goals)')) {
      const last = [...table.querySelectorAll('thead th')].filter((th) => th.getBoundingClientRect().width > 0).at(-1);
      const wrap = table.parentElement!.getBoundingClientRect();
      if (last && last.getBoundingClientRect().right > Math.min(wrap.right, width) + 1)
        found.push(describe(last, `(last column of ${table.className}) is out of view`));
    }
    return found;
  });
}

describe('screens that fit a small laptop', () => {
  let app: E2EApp;
  let page: Page;

  beforeAll(async () => {
    app = await startApp('layout');
    page = app.page;
    await openSampleData(app);
    await seedLibrary(page);
  }, 180_000);
  afterAll(() => app?.close());

  const language = async (code: 'en' | 'it'): Promise<void> => {
    await goTo(page, '#/settings', 'main #setting-language');
    await page.locator('#setting-language').selectOption(code);
    await page.getByRole('button', { name: /^(Save changes|Salva le modifiche)$/ }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
  };

  for (const code of ['en', 'it'] as const) {
    it(`fits every main screen at 800 and 900 px in ${code === 'en' ? 'English' : 'Italian'}`, async () => {
      await language(code);
      const problems: string[] = [];
      for (const screen of SCREENS) {
        for (const width of [1280, 900, 800]) {
          await page.setViewportSize({ width, height: 800 });
          await screen.open(page);
          await page.waitForTimeout(150);
          if (width < 1280)
            for (const misfit of await misfits(page)) problems.push(`${screen.name}@${width}: ${misfit}`);
          for (const scheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme: scheme });
            await app.shot(`layout-${screen.name}-${width}-${code}-${scheme}`);
          }
          await page.emulateMedia({ colorScheme: 'light' });
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(problems).toEqual([]);
      expect(app.problems).toEqual([]);
    }, 300_000);
  }
});
