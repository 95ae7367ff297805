/** Limits the verify suite checks against (ms), all overridable from the CLI or the API. */
export interface VerifySettings {
  /** Entry points must return within this (RHS guidance: 300 ms). */
  fastCallMs: number;
  /** A pending Online/Offline must report status at least this often. */
  progressGapMs: number;
  /** How long a lifecycle step may take before the rule fails. */
  stepTimeoutMs: number;
  /** How long after the application dies IsAlive has to answer FALSE. */
  detectFailureMs: number;
  /** How long a whole rule may run (it is then failed and its process tree killed). */
  ruleTimeoutMs: number;
  /** How long the healthy resource is polled fast for the "no spurious failure" rule. */
  soakMs: number;
  /** Property values for the resources verify creates (required properties need one). */
  props: Record<string, unknown>;
}

export const DEFAULT_VERIFY_SETTINGS: Readonly<VerifySettings> = Object.freeze({
  fastCallMs: 300,
  progressGapMs: 1500,
  stepTimeoutMs: 20_000,
  detectFailureMs: 10_000,
  ruleTimeoutMs: 90_000,
  soakMs: 2000,
  props: {},
});
