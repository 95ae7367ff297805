/** clusterkit verify: the conformance suite, usable from scripts and tests. */
export { runVerify, VerifyError, verifyNotes } from './runner.js';
export type { VerifyOptions, VerifyReport } from './runner.js';
export { formatReport, formatResultLine, formatSummary } from './report.js';
export { ALL_RULES, findRule } from './rules/index.js';
export type { Rule, RuleResult, Outcome } from './rule.js';
export { RuleFailure } from './rule.js';
export { DEFAULT_VERIFY_SETTINGS } from './settings.js';
export type { VerifySettings } from './settings.js';
