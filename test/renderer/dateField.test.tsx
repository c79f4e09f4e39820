// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../src-main/shared/domain';
import { IsoDateSchema } from '../../src-main/shared/domain';
import { createI18n } from '../../src-renderer/src/i18n';
import { CATALOGUES } from '../../src-main/shared/locales';
import { DateField } from '../../src-renderer/src/ui/Field';

afterEach(cleanup);

/** A DateField in a form of one value, which it shows so the test can read what the form holds. */
function Form({ initial }: { initial: string }): ReactElement {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField label="Day" value={value} onChange={setValue} />
      <output>{value}</output>
    </>
  );
}

function renderField(language: Language, initial: string) {
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n(language, CATALOGUES)}>
      <Form initial={initial} />
    </I18nextProvider>,
  );
  const input = screen.getByLabelText('Day') as HTMLInputElement;
  const held = (): string => screen.getByRole('status').textContent ?? '';
  return { user, input, held };
}

describe('a date field in the app’s language', () => {
  it('shows and reads day/month/year in Italian, and keeps the day ISO for the form', async () => {
    const { user, input, held } = renderField('it', '2026-12-03');
    expect(input.value).toBe('03/12/2026');
    expect(input.placeholder).toBe('gg/mm/aaaa');
    expect(input.type).toBe('text');
    expect(input.inputMode).toBe('numeric');
    const hint = document.getElementById(input.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toMatch(/^Formato: giorno\/mese\/anno/);

    await user.clear(input);
    await user.type(input, '5/1/2027');
    expect(held()).toBe('2027-01-05');
    await user.tab();
    expect(input.value).toBe('05/01/2027');
  });

  it('uses the same day order in English', async () => {
    const { user, input, held } = renderField('en', '2026-12-03');
    expect(input.value).toBe('03/12/2026');
    expect(input.placeholder).toBe('dd/mm/yyyy');
    await user.clear(input);
    await user.type(input, '5/1/2027');
    expect(held()).toBe('2027-01-05');
  });

  it('hands the form something its date check refuses for a day that is not one, and nothing for an empty box', async () => {
    const { user, input, held } = renderField('en', '');
    expect(input.value).toBe('');
    await user.type(input, '31/02/2026');
    expect(IsoDateSchema.safeParse(held()).success).toBe(false);
    expect(input.value).toBe('31/02/2026');
    await user.clear(input);
    expect(held()).toBe('');
    await user.type(input, '2026-03-01');
    expect(held()).toBe('2026-03-01');
  });
});
