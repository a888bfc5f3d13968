import type { MockContext } from './context';

/**
 * A piece of one instance's state owned by one provider module (its files, batches, stored
 * responses): declared beside the code that uses it, created on first use, dropped by
 * `POST /__admin/reset`. Why: the context knows no provider's types, so adding a provider or an
 * API surface touches its own folder only, and no import cycle runs through the context.
 */
export interface StateSlot<T> {
  readonly key: symbol;
  create(): T;
}

/** Declares a slot (once per module; `name` only labels it for debugging). */
export function defineSlot<T>(name: string, create: () => T): StateSlot<T> {
  return { key: Symbol(name), create };
}

/** The instance's value of a slot, created on first use. */
export function stateOf<T>(ctx: MockContext, slot: StateSlot<T>): T {
  let value = ctx.state.get(slot.key) as T | undefined;
  if (value === undefined) {
    value = slot.create();
    ctx.state.set(slot.key, value);
  }
  return value;
}
