// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyHomeFixture, settingsFixture } from '../fixtures';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const emptyLists = {
  'sales.list': () => ({ items: [], total: 0 }),
  'products.list': () => [],
  'techniques.list': () => [],
  'home.summary': () => emptyHomeFixture(),
} as const;

describe('first run', () => {
  it('offers the two starts and calls onboarding.start with the choice, then shows Home', async () => {
    let finish: () => void = () => undefined;
    const { bridge, user } = renderApp(
      {
        ...emptyLists,
        'onboarding.start': () =>
          new Promise((resolve) => {
            finish = () => resolve(settingsFixture({ onboarded: true }));
          }),
      },
      { route: '/', settings: { onboarded: false } },
    );

    expect(await screen.findByRole('heading', { name: 'Welcome to Rapport' })).toBeTruthy();
    // Each choice is named by all it shows, title first, so the visible label is in the name (WCAG 2.5.3).
    expect(screen.getByRole('button', { name: /^Start empty./ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Explore with sample data./ }));

    expect(bridge.callsTo('onboarding.start')).toEqual([{ mode: 'sample' }]);
    expect(screen.getByRole('status').textContent).toMatch(/Creating sample customers and sales/);
    expect((screen.getByRole('button', { name: /^Start empty./ }) as HTMLButtonElement).disabled).toBe(true);

    finish();
    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
  });

  it('lets the user pick Italian before starting', async () => {
    const { bridge, user } = renderApp(
      { ...emptyLists, 'onboarding.start': () => settingsFixture({ language: 'it' }) },
      { route: '/', settings: { onboarded: false } },
    );
    await user.click(await screen.findByRole('radio', { name: 'Italiano' }));

    expect(await screen.findByRole('heading', { name: 'Benvenuto in Rapport' })).toBeTruthy();
    expect(bridge.callsTo('settings.update')).toEqual([{ language: 'it' }]);

    await user.click(screen.getByRole('button', { name: /^Inizia da zero./ }));
    expect(bridge.callsTo('onboarding.start')).toEqual([{ mode: 'empty' }]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeTruthy();
  });

  it('keeps the choice open and says so when setting up fails', async () => {
    const { user } = renderApp(
      { 'onboarding.start': () => Promise.reject(new Error('disk full')) },
      { route: '/', settings: { onboarded: false } },
    );
    await user.click(await screen.findByRole('button', { name: /^Start empty./ }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Couldn't set up Rapport/));
    expect((screen.getByRole('button', { name: /^Start empty./ }) as HTMLButtonElement).disabled).toBe(false);
  });
});
