import { INFINITE, RHS_DEFAULT_TIMING } from '../../bundle/resapi/index.js';
import { BadSettingError } from './errors.js';

/** 0xFFFFFFFF: "inherit" for poll intervals, "nodes - 1" for FailoverThreshold, "never" for RetryPeriodOnFailure. */
export { INFINITE };

/** RestartAction values (CLUSTER_RESOURCE_RESTART_ACTION). */
export const ClusterResourceDontRestart = 0;
export const ClusterResourceRestartNoNotify = 1;
export const ClusterResourceRestartNotify = 2;
export type RestartAction = 0 | 1 | 2;

/** Resource common properties that drive RHS and the failover manager (times in ms). */
export interface ResourcePolicy {
  restartAction: RestartAction;
  restartThreshold: number;
  restartPeriod: number;
  restartDelay: number;
  /** INFINITE = never retry. */
  retryPeriodOnFailure: number;
  pendingTimeout: number;
  deadlockTimeout: number;
  /** INFINITE = use the type's value. */
  looksAlivePollInterval: number;
  isAlivePollInterval: number;
  separateMonitor: boolean;
}

/** Resource type common properties (times in ms). */
export interface TypePolicy {
  looksAlivePollInterval: number;
  isAlivePollInterval: number;
  pendingTimeout: number;
  deadlockTimeout: number;
}

/** Group common properties. failoverPeriod is in hours, as in the cluster. */
export interface GroupPolicy {
  /** INFINITE = number of nodes - 1. */
  failoverThreshold: number;
  failoverPeriodHours: number;
}

/** RHS defaults, docs/resource-api.md (RestartPeriod: 900000; one remark in the documentation says 90000). */
export const RHS_RESOURCE_DEFAULTS: Readonly<ResourcePolicy> = Object.freeze({
  restartAction: ClusterResourceRestartNotify,
  restartThreshold: 3,
  restartPeriod: 900_000,
  restartDelay: 500,
  retryPeriodOnFailure: 3_600_000,
  pendingTimeout: RHS_DEFAULT_TIMING.pendingTimeout,
  deadlockTimeout: RHS_DEFAULT_TIMING.deadlockTimeout,
  looksAlivePollInterval: INFINITE,
  isAlivePollInterval: INFINITE,
  separateMonitor: false,
});

export const RHS_TYPE_DEFAULTS: Readonly<TypePolicy> = Object.freeze({
  looksAlivePollInterval: RHS_DEFAULT_TIMING.looksAlive,
  isAlivePollInterval: RHS_DEFAULT_TIMING.isAlive,
  pendingTimeout: RHS_DEFAULT_TIMING.pendingTimeout,
  deadlockTimeout: RHS_DEFAULT_TIMING.deadlockTimeout,
});

export const RHS_GROUP_DEFAULTS: Readonly<GroupPolicy> = Object.freeze({
  failoverThreshold: INFINITE,
  failoverPeriodHours: 6,
});

const HOUR_MS = 3_600_000;

function check(ok: boolean, message: string): void {
  if (!ok) throw new BadSettingError(message);
}

function isDword(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= INFINITE;
}

/** Scales a time value for tests; INFINITE stays INFINITE. */
function scaled(v: number, scale: number): number {
  return v === INFINITE ? INFINITE : Math.max(1, Math.round(v * scale));
}

/**
 * Merges overrides over the RHS defaults, checks the ranges RHS enforces, then multiplies
 * every time value by `timeScale` (defaults and explicit values alike, so a test can write
 * real RHS values and run them at 1/1000 speed).
 */
export function resolveResourcePolicy(
  over: Partial<ResourcePolicy> = {},
  timeScale = 1,
): ResourcePolicy {
  onlyKnown(over, RHS_RESOURCE_DEFAULTS, 'resource');
  const p: ResourcePolicy = { ...RHS_RESOURCE_DEFAULTS, ...dropUndefined(over) };
  check(
    timeScale > 0 && Number.isFinite(timeScale),
    `timeScale must be a positive number, got ${timeScale}`,
  );
  check(
    [0, 1, 2].includes(p.restartAction),
    `RestartAction must be 0, 1 or 2, got ${p.restartAction}`,
  );
  for (const k of [
    'restartThreshold',
    'restartPeriod',
    'restartDelay',
    'retryPeriodOnFailure',
    'pendingTimeout',
    'deadlockTimeout',
  ] as const) {
    check(isDword(p[k]), `${k} must be an integer 0..0xFFFFFFFF, got ${p[k]}`);
  }
  check(p.pendingTimeout >= 10, `PendingTimeout must be at least 10 ms, got ${p.pendingTimeout}`);
  check(
    p.deadlockTimeout >= 1000,
    `DeadlockTimeout must be at least 1000 ms (scale it with timeScale), got ${p.deadlockTimeout}`,
  );
  check(
    p.retryPeriodOnFailure === INFINITE || p.retryPeriodOnFailure >= p.restartPeriod,
    `RetryPeriodOnFailure (${p.retryPeriodOnFailure}) must be at least RestartPeriod (${p.restartPeriod}), or 0xFFFFFFFF for never`,
  );
  for (const k of ['looksAlivePollInterval', 'isAlivePollInterval'] as const) {
    check(
      p[k] === INFINITE || (isDword(p[k]) && p[k] >= 10),
      `${k} of a resource must be at least 10 ms, or 0xFFFFFFFF to use the type's`,
    );
  }
  const out = { ...p };
  for (const k of [
    'restartPeriod',
    'restartDelay',
    'retryPeriodOnFailure',
    'pendingTimeout',
    'deadlockTimeout',
    'looksAlivePollInterval',
    'isAlivePollInterval',
  ] as const) {
    out[k] = k === 'restartDelay' && p[k] === 0 ? 0 : scaled(p[k], timeScale);
  }
  return out;
}

export function resolveTypePolicy(over: Partial<TypePolicy> = {}, timeScale = 1): TypePolicy {
  onlyKnown(over, RHS_TYPE_DEFAULTS, 'resource type');
  const p: TypePolicy = { ...RHS_TYPE_DEFAULTS, ...dropUndefined(over) };
  for (const k of [
    'looksAlivePollInterval',
    'isAlivePollInterval',
    'pendingTimeout',
    'deadlockTimeout',
  ] as const) {
    check(
      isDword(p[k]) && p[k] >= 1 && p[k] !== INFINITE,
      `${k} of the type must be 1..0xFFFFFFFE ms, got ${p[k]}`,
    );
  }
  return {
    looksAlivePollInterval: scaled(p.looksAlivePollInterval, timeScale),
    isAlivePollInterval: scaled(p.isAlivePollInterval, timeScale),
    pendingTimeout: scaled(p.pendingTimeout, timeScale),
    deadlockTimeout: scaled(p.deadlockTimeout, timeScale),
  };
}

/** Group policy with FailoverPeriod converted to ms (hours × 3600000 × timeScale). */
export interface ResolvedGroupPolicy {
  failoverThreshold: number;
  failoverPeriod: number;
}

export function resolveGroupPolicy(
  over: Partial<GroupPolicy> = {},
  timeScale = 1,
): ResolvedGroupPolicy {
  onlyKnown(over, RHS_GROUP_DEFAULTS, 'group');
  const p: GroupPolicy = { ...RHS_GROUP_DEFAULTS, ...dropUndefined(over) };
  check(
    isDword(p.failoverThreshold),
    `FailoverThreshold must be 0..0xFFFFFFFF, got ${p.failoverThreshold}`,
  );
  check(
    p.failoverPeriodHours > 0 && p.failoverPeriodHours <= 1193,
    `FailoverPeriod is in hours and must be 1..1193 (fractions allowed here), got ${p.failoverPeriodHours}`,
  );
  return {
    failoverThreshold: p.failoverThreshold,
    failoverPeriod: Math.max(1, Math.round(p.failoverPeriodHours * HOUR_MS * timeScale)),
  };
}

/** Refuses keys that are not settings (a misspelt key must not be ignored silently). */
function onlyKnown(over: object, known: object, what: string): void {
  const extra = Object.keys(over).filter((k) => !(k in known));
  if (extra.length)
    throw new BadSettingError(
      `unknown ${what} setting(s) ${extra.join(', ')}; known: ${Object.keys(known).join(', ')}`,
    );
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
