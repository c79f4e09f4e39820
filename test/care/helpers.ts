import { api, type Channel, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';
import { freshStore, type TestStore } from '../helpers/store';

/** Calls a handler the way IPC does: the input parsed by the channel's own schema first. */
export function caller(t: TestStore) {
  return <C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> => {
    const handler = t.handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>;
    return handler(api[channel].input.parse(input) as ParsedInput<C>);
  };
}

/** Records through the real handlers (one transaction each). FIXED_NOW is 2026-06-15. */
export function recorder(t: TestStore) {
  const call = caller(t);
  /** A won sale closed on `closedOn` (opened the same day). */
  const won = (customerId: number, closedOn: string, more: Partial<Input<'sales.create'>> = {}) =>
    call('sales.create', {
      title: `Sale ${closedOn}`,
      customerId,
      amountMinor: 10000,
      currency: 'EUR',
      status: 'won',
      openedOn: closedOn,
      closedOn,
      ...more,
    } as Input<'sales.create'>);
  return {
    call,
    customer: (name: string, more: Partial<Input<'customers.create'>> = {}) =>
      call('customers.create', { name, ...more }),
    product: (name: string) => call('products.create', { name }),
    won,
    /** `won`: the sale, then the check-ins it scheduled in step order (day 3, day 30, …). */
    wonWithCheckIns: async (
      customerId: number,
      closedOn: string,
    ): Promise<[Output<'sales.create'>, ...Output<'care.checkins.list'>]> => {
      const sale = await won(customerId, closedOn);
      return [sale, ...(await call('care.checkins.list', { saleId: sale.id }))];
    },
  };
}

export type Recorder = ReturnType<typeof recorder>;

/** A fresh store (see freshStore) with a recorder on it. */
export async function storeWithRecorder(): Promise<{ t: TestStore; r: Recorder }> {
  const t = await freshStore();
  return { t, r: recorder(t) };
}

/** Check-ins of a sale as (step, due, status) rows, in step order. */
export function stepsOf(t: TestStore, saleId: number): { step: number; due: string; status: string }[] {
  return t.store.sqlite
    .prepare('SELECT step_days AS step, due_on AS due, status FROM check_ins WHERE sale_id = ? ORDER BY step_days')
    .all(saleId) as { step: number; due: string; status: string }[];
}
