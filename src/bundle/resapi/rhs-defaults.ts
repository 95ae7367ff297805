/**
 * What RHS and the cluster service use when a common property is not set (docs/rhs-behaviour.md).
 * These are behaviour, not header values: the C core never needs them, only the harness and
 * the local cluster that play RHS.
 */

/**
 * 0xFFFFFFFF in a DWORD common property. For a resource's LooksAlive/IsAlive poll intervals
 * it means "use the type's value"; for RetryPeriodOnFailure "never"; for FailoverThreshold
 * "the number of nodes minus one". One name for one value: Win32's INFINITE.
 */
export const INFINITE = 0xffffffff;

/** The poll and timeout defaults of a resource type, in milliseconds. */
export const RHS_DEFAULT_TIMING = Object.freeze({
  /** LooksAlivePollInterval of a type. */
  looksAlive: 5000,
  /** IsAlivePollInterval of a type. */
  isAlive: 60000,
  /** PendingTimeout, measured between status reports. */
  pendingTimeout: 180000,
  /** DeadlockTimeout: an entry-point call taking longer is a hang. */
  deadlockTimeout: 300000,
});
