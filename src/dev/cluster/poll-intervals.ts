import { INFINITE } from './settings.js';

export interface PollIntervals {
  looksAlive: number;
  isAlive: number;
}

/** A resource value of 0xFFFFFFFF (or unset) inherits the type's interval; any other value overrides it. */
export function inheritInterval(resourceValue: number | undefined, typeValue: number): number {
  return resourceValue === undefined || resourceValue === INFINITE ? typeValue : resourceValue;
}

/**
 * The intervals RHS polls a resource with. LooksAlive polling is skipped (null) when Online
 * returned an event handle; IsAlive polling can never be turned off.
 */
export function effectivePollIntervals(
  resource: Partial<PollIntervals>,
  type: PollIntervals,
  hasEventHandle = false,
): { looksAlive: number | null; isAlive: number } {
  return {
    looksAlive: hasEventHandle ? null : inheritInterval(resource.looksAlive, type.looksAlive),
    isAlive: inheritInterval(resource.isAlive, type.isAlive),
  };
}
