// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { fails } from './fakeApi';
import { renderApp } from './renderApp';

afterEach(cleanup);

describe('error states', () => {
  it('a list that fails to load says so and can try again', async () => {
    let failing = true;
    const { user } = renderApp({
      'sales.list': () => {
        if (failing) throw new AppError('internal', 'database is locked');
        return { items: [], total: 0 };
      },
      'products.list': () => [],
      'techniques.list': () => [],
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch("Couldn't load your sales");
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'No sales yet' })).toBeTruthy();
  });

  it("the backend's reason is worded from its key, in the user's language", async () => {
    renderApp(
      {
        'sales.list': fails('not_found', 'failures.notFound.sale', undefined, { id: 12 }),
        'products.list': () => [],
        'techniques.list': () => [],
      },
      { settings: { language: 'it' } },
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('La vendita 12 non esiste.');
    expect(alert.textContent).not.toContain('failures.');
  });

  it('a backend that cannot even give settings gets an explanation, not a blank window', async () => {
    renderApp({
      'settings.get': fails('internal', 'no database'),
    });
    expect((await screen.findByRole('alert')).textContent).toMatch("Rapport couldn't start");
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('a customer that does not exist gets a way back', async () => {
    renderApp(
      {
        'customers.get': fails('not_found', 'No customer 99'),
      },
      { route: '/customers/99' },
    );
    expect(await screen.findByRole('heading', { name: 'Customer not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to customers' }).getAttribute('href')).toBe('/customers');
  });
});
