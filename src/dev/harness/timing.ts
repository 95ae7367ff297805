/*
 * RHS timing values (docs/rhs-behaviour.md), in milliseconds. Every value can be overridden
 * per monitor (the type's values) and per resource.
 */
import { INFINITE, RHS_DEFAULT_TIMING } from '../../bundle/resapi/index.js';
import { InvalidArgumentError } from './errors.js';

export { INFINITE, RHS_DEFAULT_TIMING };

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

/** Merges overrides into a base; undefined and INFINITE (0xFFFFFFFF, "inherit") keep the base value. */
export function resolveTiming(
  base: Timing,
  overrides: Partial<Timing> | undefined,
  what: string,
): Timing {
  const out: Timing = { ...base };
  for (const key of Object.keys(RHS_DEFAULT_TIMING) as (keyof Timing)[]) {
    const v = overrides?.[key];
    if (v === undefined || v === INFINITE) continue;
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
