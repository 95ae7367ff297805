import type { RuleContext } from './context.js';

export { expectRule, RuleFailure } from './rule-failure.js';

/**
 * One conformance rule: a stable id, the rule as one sentence (what a person reads in the
 * report), an optional applicability test, and the check itself, which throws RuleFailure
 * (or any error) when the rule does not hold.
 */
export interface Rule {
  id: string;
  rule: string;
  /** Return a reason to skip the rule for this type (e.g. "the type has no numeric property with a range"). */
  skipIf?(ctx: RuleContext): string | undefined | Promise<string | undefined>;
  check(ctx: RuleContext): Promise<void>;
}

export type Outcome = 'pass' | 'fail' | 'skip';

export interface RuleResult {
  id: string;
  rule: string;
  outcome: Outcome;
  /** Why it failed or was skipped; empty when it passed. */
  detail: string;
  ms: number;
}
