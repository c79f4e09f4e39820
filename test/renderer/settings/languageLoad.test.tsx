// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATALOGUES } from '../../../src-main/shared/locales';
import type { FakeHandlers } from '../fakeApi';
import { renderApp } from '../renderApp';

/** The Italian catalogue's module, made to fail on demand as a chunk that cannot be read would. */
const italian = vi.hoisted(() => ({ unreadable: false }));
vi.mock('../../../src-main/shared/locales/it.json', async (original) => {
  const real = await original<{ default: unknown }>();
  return {
    get default() {
      if (italian.unreadable) throw new Error('The chunk could not be read');
      return real.default;
    },
  };
});

afterEach(() => {
  cleanup();
  italian.unreadable = false;
});

const handlers: FakeHandlers = {
  'app.info': () => ({ version: '0.1.0', databasePath: '/tmp/rapport.sqlite', platform: 'linux' }),
  'report.log': () => [],
};

/** A window that started in English has only the English words, as the app's does. */
const openSettings = () => renderApp(handlers, { route: '/settings', catalogues: { en: CATALOGUES.en } });

describe('switching to a language whose words are not loaded yet', () => {
  it('loads its catalogue on Save, then shows the app in it', async () => {
    const { user, bridge, i18n } = openSettings();
    expect(i18n.hasResourceBundle('it', 'translation')).toBe(false);
    await user.selectOptions(await screen.findByLabelText('Language'), 'it');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Impostazioni' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('it');
    expect(bridge.callsTo('settings.update')).toEqual([{ language: 'it' }]);
  });

  it('saves nothing and says why when they cannot be loaded', async () => {
    italian.unreadable = true;
    const { user, bridge, settled } = openSettings();
    await user.selectOptions(await screen.findByLabelText('Language'), 'it');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await settled();

    expect(
      await screen.findByText('The words for Italiano could not be loaded: the language stays as it was.', {
        exact: false,
      }),
    ).toBeTruthy();
    expect(bridge.callsTo('settings.update')).toEqual([]);
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    // The choice stays in the form, to try again.
    expect((screen.getByLabelText('Language') as HTMLSelectElement).value).toBe('it');
  });
});
