import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localIsoDate } from '../../src-main/shared/dates';
import { openSampleData, startApp, type E2EApp } from './harness';

/**
 * Goals over the real preview backend: a goal with milestones made through the form, sales
 * won through the sale dialog moving its pace, status and chart, a checklist step ticked by
 * hand. Then the sample data's goals fill the timeline for the pictures, in en/it, light/dark.
 */

type Page = E2EApp['page'];

/** Pictures without the toasts (sale saved, behind-pace nudges) of earlier steps over them. */
async function picture(app: E2EApp, name: string): Promise<void> {
  const toasts = app.page.getByRole('region', { name: /Notifications|Notifiche/ }).getByRole('button');
  // Toasts also leave by themselves, so one may be gone by the time it is clicked.
  for (let tries = 0; tries < 8 && (await toasts.count()) > 0; tries++)
    await toasts
      .first()
      .click({ force: true, timeout: 1000 })
      .catch(() => undefined);
  await app.shot(name);
}

const dark = (page: Page, on: boolean): Promise<void> => page.emulateMedia({ colorScheme: on ? 'dark' : 'light' });

/** Scrolls the page so `heading` is at the top of the window. */
const scrollTo = (heading: ReturnType<Page['getByRole']>): Promise<void> =>
  heading.evaluate((element) => element.scrollIntoView({ block: 'start' }));

/** A KPI's value on the goal page, by its label. */
const fact = (page: Page, label: string): Promise<string | null> =>
  page
    .locator('.kpi')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.kpi-value')
    .textContent();

describe('a goal from the form, moved by sales', () => {
  let app: E2EApp;
  let page: Page;
  const today = localIsoDate(new Date());
  const GOAL = 'Close the month strong';
  const CUSTOMER = 'Ottica Verdi';

  beforeAll(async () => {
    app = await startApp('goals');
    page = app.page;
  }, 180_000);
  afterAll(() => app?.close());
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await app.shot(`failed-goals-${context.task.name.replace(/\W+/g, '-')}`);
  });

  it('creates a revenue goal with a checklist step and a target milestone', async () => {
    await page.goto(app.preview.url);
    await page.getByRole('button', { name: /Start empty/ }).click();
    await page.getByRole('link', { name: 'Goals' }).click();
    await page.getByRole('heading', { name: 'No goals yet' }).waitFor();
    await page.getByRole('button', { name: 'New goal' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New goal' });
    await dialog.getByLabel('Name', { exact: true }).fill(GOAL);
    await dialog.getByLabel('Target', { exact: true }).fill('10000');
    await dialog.getByLabel('From', { exact: true }).fill(addDays(today, -10));
    await dialog.getByLabel('Until', { exact: true }).fill(addDays(today, 20));
    await dialog.getByRole('button', { name: 'Checklist step' }).click();
    const step = dialog.getByRole('group', { name: 'Checklist step' });
    await step.getByLabel('Step', { exact: true }).fill('Call the ten best customers');
    await step.getByLabel('By', { exact: true }).fill(addDays(today, -1));
    await dialog.getByRole('button', { name: 'Amount by a date' }).click();
    const half = dialog.getByRole('group', { name: 'Target milestone' });
    await half.getByLabel('Milestone', { exact: true }).fill('Half way');
    await half.getByLabel('By', { exact: true }).fill(addDays(today, 10));
    await half.getByLabel('Reach', { exact: true }).fill('5000');
    await picture(app, 'goals-new-en-light');
    await dialog.getByRole('button', { name: 'Create goal' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('heading', { name: GOAL, level: 1 }).waitFor();
    await expect.poll(() => fact(page, 'So far')).toBe('€0.00');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`${GOAL}At risk`);
    // A new book has no history to forecast from, and says so.
    await page.getByText(/There is not enough of your own history for a forecast yet/).waitFor();
  });

  it('moves with each sale won: the actual, the status, the chart’s table and a milestone reached', async () => {
    const sell = async (title: string, amount: string, existing: boolean): Promise<void> => {
      await page.getByRole('button', { name: 'New sale' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New sale' });
      await dialog.getByLabel('Title').fill(title);
      await dialog.getByLabel('Customer').fill(CUSTOMER);
      await dialog
        .getByRole('option', { name: existing ? new RegExp(CUSTOMER) : `Create customer “${CUSTOMER}”` })
        .first()
        .click();
      await dialog.getByLabel('Amount').fill(amount);
      await dialog.getByText('Won', { exact: true }).click();
      await dialog.getByRole('button', { name: 'Add sale' }).click();
      await dialog.waitFor({ state: 'hidden' });
    };

    const table = page.getByRole('table', { name: 'The chart as a table, week by week' });
    await expect.poll(() => table.textContent()).not.toContain('€6,000.00');
    await sell('Frames for the new shop', '6000', false);
    // The goal page follows the sale without a reload.
    await expect.poll(() => fact(page, 'So far')).toBe('€6,000.00');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`${GOAL}Ahead`);
    await expect.poll(() => table.textContent()).toContain('€6,000.00');
    const halfWay = page.getByRole('listitem').filter({ hasText: 'Half way' });
    await expect.poll(() => halfWay.textContent()).toContain(`reached on ${await dateText(page, today)}`);
    await scrollTo(page.getByRole('heading', { name: 'Progress over time' }));
    await picture(app, 'goals-loop-chart-en-light');

    await sell('Lenses restock', '5000', true);
    await expect.poll(() => fact(page, 'So far')).toBe('€11,000.00');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`${GOAL}Achieved`);
  });

  it('ticks the checklist step by hand', async () => {
    const step = page.getByRole('checkbox', { name: 'Done: Call the ten best customers' });
    await expect.poll(() => step.isChecked()).toBe(false);
    const item = page.getByRole('listitem').filter({ hasText: 'Call the ten best customers' });
    await expect.poll(() => item.textContent()).toContain('overdue since');
    await step.check();
    await expect.poll(() => item.textContent()).toContain(`reached on ${await dateText(page, today)}`);
    await scrollTo(page.getByRole('heading', { name: 'Milestones' }));
    await picture(app, 'goals-loop-milestones-en-light');

    // The timeline has it, with its milestones.
    await page.getByRole('link', { name: 'Goals', exact: true }).first().click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: GOAL }) });
    await expect.poll(() => row.getByRole('img', { name: /^Milestone / }).count()).toBe(2);
    expect(app.problems).toEqual([]);
  });
});

/** A day as the page writes it ("27 Nov 2026" in en-GB). */
function dateText(page: Page, day: string): Promise<string> {
  return page.evaluate(
    (iso) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(`${iso}T12:00:00`)),
    day,
  );
}

describe('the sample data’s goals', () => {
  let app: E2EApp;
  let page: Page;

  beforeAll(async () => {
    app = await startApp('goals-sample');
    page = app.page;
  }, 180_000);
  afterAll(() => app?.close());
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await app.shot(`failed-goals-sample-${context.task.name.replace(/\W+/g, '-')}`);
  });

  async function timelineAndDetail(lang: 'en' | 'it'): Promise<void> {
    const words = {
      en: { goals: 'Goals', chart: 'Progress over time', revenue: 'Quarterly revenue', crumbs: 'Where you are' },
      it: { goals: 'Obiettivi', chart: 'Andamento nel tempo', revenue: 'Quarterly revenue', crumbs: 'Dove ti trovi' },
    }[lang];
    await page.getByRole('link', { name: words.goals, exact: true }).first().click();
    await page.getByRole('heading', { name: words.goals, level: 1 }).waitFor();
    await page.locator('.timeline-bar').first().waitFor();
    await picture(app, `goals-timeline-${lang}-light`);
    await dark(page, true);
    await picture(app, `goals-timeline-${lang}-dark`);
    await dark(page, false);

    await page.getByRole('link', { name: words.revenue }).first().click();
    await page.getByRole('heading', { name: words.revenue, level: 1 }).waitFor();
    await page.locator('.goal-chart canvas').waitFor();
    await picture(app, `goals-detail-${lang}-light`);
    await scrollTo(page.getByRole('heading', { name: words.chart }));
    await picture(app, `goals-chart-${lang}-light`);
    await dark(page, true);
    await picture(app, `goals-chart-${lang}-dark`);
    await scrollTo(page.getByRole('navigation', { name: words.crumbs }));
    await picture(app, `goals-detail-${lang}-dark`);
    await dark(page, false);
  }

  it('fills the timeline, and each goal’s chart draws on a canvas', async () => {
    await openSampleData(app);
    await page.getByRole('link', { name: 'Goals' }).click();
    const rows = page.getByRole('list', { name: /^Goals in / }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
    await timelineAndDetail('en');
    // chart.js drew something: the canvas has coloured pixels, not a blank rectangle.
    // (A string: the page has the DOM types this test's tsconfig leaves out.)
    const inked = await page.evaluate(`(() => {
      const canvas = document.querySelector('.goal-chart canvas');
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.some((value, i) => i % 4 === 3 && value > 0);
    })()`);
    expect(inked).toBe(true);
  });

  it('shows the scorecard and the working days', async () => {
    await page.getByRole('link', { name: 'Goals', exact: true }).first().click();
    await page.getByRole('link', { name: 'Scorecard' }).click();
    await page.getByRole('table', { name: 'The score per period, newest first' }).waitFor();
    await picture(app, 'goals-scorecard-en-light');
    await page.getByRole('link', { name: 'Settings' }).click();
    await scrollTo(page.getByRole('heading', { name: 'Working days and breaks' }));
    await picture(app, 'goals-settings-en-light');
  });

  it('speaks Italian, in light and dark', async () => {
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Giorni lavorativi e pause' }).waitFor();
    await timelineAndDetail('it');
    expect(app.problems).toEqual([]);
  });
});
