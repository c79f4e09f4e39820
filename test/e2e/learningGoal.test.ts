import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, startApp, type E2EApp } from './harness';

/**
 * A learning goal moving, over the real preview backend in Chromium: the sample data's goal on
 * minutes of learning a week, read on its page; minutes logged on a book of the sample library;
 * the goal's page again, moved by exactly the minutes logged. Numbers are read from the pages.
 */

type Page = E2EApp['page'];

const GOAL = 'Learning time each week';
const BOOK = 'Referrals Without Asking Twice';
/** What the seller logs: minutes spent on the book today. */
const LOGGED = 35;

/** A KPI's value on the goal page, by its label. */
const fact = (page: Page, label: string): Promise<string | null> =>
  page
    .locator('.kpi')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.kpi-value')
    .textContent();

/** Minutes as the page writes them ("1 min", "1,250.5 mins" in en-GB), as a number. */
function minutes(text: string | null): number {
  const match = /^([\d,]+(?:\.\d+)?) mins?$/.exec(text?.trim() ?? '');
  if (!match) throw new Error(`Not a number of minutes: ${JSON.stringify(text)}`);
  return Number(match[1]!.replaceAll(',', ''));
}

async function openGoal(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Goals', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Goals', level: 1 }).waitFor();
  await page.getByRole('link', { name: GOAL }).first().click();
  await page.getByRole('heading', { name: new RegExp(`^${GOAL}`), level: 1 }).waitFor();
}

describe('the sample data’s learning goal', () => {
  let app: E2EApp;
  let page: Page;
  let before: number;

  beforeAll(async () => {
    app = await startApp('learning-goal');
    page = app.page;
    await openSampleData(app);
  }, 180_000);
  afterAll(() => app?.close());
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await app.shot(`failed-learning-goal-${context.task.name.replace(/\W+/g, '-')}`);
  });

  it('shows this week’s minutes of learning against its target', async () => {
    await openGoal(page);
    await page.locator('.goal-chart canvas').waitFor();
    before = minutes(await fact(page, 'So far'));
    // "40% of 150 min" under it: the week's target.
    const sub = await page
      .locator('.kpi')
      .filter({ has: page.getByText('So far', { exact: true }) })
      .locator('.kpi-sub')
      .textContent();
    const target = minutes(/ of (.+)$/.exec(sub ?? '')?.[1] ?? null);
    // The week's target: the seller's own weeks averaged, down to the half hour (goals/sampleData.ts).
    // What the week holds so far depends on the day: by Sunday the sample's seller may well have
    // met it (a run on a Sunday saw 185 of 150).
    expect(target).toBeGreaterThanOrEqual(30);
    expect(target % 30).toBe(0);
    expect(before).toBeGreaterThanOrEqual(0);
    await app.shot('learning-goal-before-en-light');
  });

  it('moves by exactly the minutes logged on a book in the library', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await page.getByRole('link', { name: BOOK }).first().click();
    await page.getByRole('heading', { name: BOOK, level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'Progress' });
    await card.getByLabel('Minutes spent').fill(String(LOGGED));
    await card.getByRole('button', { name: 'Log it' }).click();
    await page.getByText(`Logged for “${BOOK}”`).waitFor();
    await app.shot('learning-goal-logged-en-light');

    await openGoal(page);
    await expect.poll(async () => minutes(await fact(page, 'So far'))).toBe(before + LOGGED);
    await app.shot('learning-goal-after-en-light');
    expect(app.problems).toEqual([]);
  });
});
