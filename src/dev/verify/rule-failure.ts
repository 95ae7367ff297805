/* How a check says that its rule does not hold (used by rules and by the context's steps). */

/** The rule does not hold; the message says what was observed. */
export class RuleFailure extends Error {
  readonly code = 'RULE_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'RuleFailure';
  }
}

/** Throws RuleFailure(message) unless `ok`. */
export function expectRule(ok: boolean, message: string): asserts ok {
  if (!ok) throw new RuleFailure(message);
}
