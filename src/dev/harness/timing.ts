/*
 * RHS timing values (reference/resapi.md §3.2, §3.3), in milliseconds. Every value can be
 * overridden per monitor (the type's values) and per resource.
 */

import { InvalidArgumentError } from './errors.js';

export interface Timing {
  /** LooksAlivePollInterval. RHS default for a type: 5000. */
  looksAlive: number;
  /** IsAlivePollInterval. RHS default for a type: 60000. */
  isAlive: number;
  /** PendingTimeout, measured between status reports. RHS default: 180000. */
  pendingTimeout: number;
  /** DeadlockTimeout: an entry-point call taking longer is reported as a hang. RHS default: 300000. */
  deadlockTimeout: number;
}

export const RHS_DEFAULT_TIMING: Readonly<Timing> = Object.freeze({
  looksAlive: 5000,
  isAlive: 60000,
  pendingTimeout: 180000,
  deadlockTimeout: 300000,
});

/** A resource-level value of 0xFFFFFFFF means "use the type's value", as in RHS. */
export const INHERIT = 0xffffffff;

/** Merges overrides into a base; undefined and INHERIT keep the base value. */
export function resolveTiming(
  base: Timing,
  overrides: Partial<Timing> | undefined,
  what: string,
): Timing {
  const out: Timing = { ...base };
  for (const key of Object.keys(RHS_DEFAULT_TIMING) as (keyof Timing)[]) {
    const v = overrides?.[key];
    if (v === undefined || v === INHERIT) continue;
    if (!Number.isFinite(v) || v <= 0) {
      throw new InvalidArgumentError(
        `${what}.${key} must be a positive number of milliseconds (or 0xFFFFFFFF to inherit); got ${String(v)}`,
      );
    }
    out[key] = v;
  }
  for (const key of Object.keys(overrides ?? {})) {
    if (!(key in RHS_DEFAULT_TIMING)) {
      throw new InvalidArgumentError(
        `${what} has an unknown key "${key}"; known keys are ${Object.keys(RHS_DEFAULT_TIMING).join(', ')}`,
      );
    }
  }
  return out;
}
