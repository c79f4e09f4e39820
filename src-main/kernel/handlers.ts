import type { Channel, Output, ParsedInput } from '../shared/api';

/**
 * One handler per channel of the contract. A mapped type over every `Channel`, so leaving
 * one out (or returning the wrong shape) is a type error, not a runtime surprise.
 */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> };
