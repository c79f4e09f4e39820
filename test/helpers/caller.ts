import { api, type Channel, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';
import type { TestStore } from './store';

/**
 * Calls a handler the way IPC does: the input parsed by the channel's schema first, and the
 * reply checked against the contract (so every test also checks the shapes the screens get).
 */
export function caller(t: TestStore) {
  return async <C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> => {
    const handler = t.handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>;
    return api[channel].output.parse(await handler(api[channel].input.parse(input) as ParsedInput<C>)) as Output<C>;
  };
}

export type Caller = ReturnType<typeof caller>;
