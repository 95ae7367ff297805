import type { RuleResult } from './rule.js';
import type { VerifyReport } from './runner.js';

const MARK: Record<RuleResult['outcome'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/** One line per rule as it finishes (the live part of the report). */
export function formatResultLine(r: RuleResult): string {
  const head = `${MARK[r.outcome]}  ${r.id.padEnd(32)} ${r.rule}`;
  return r.detail ? `${head}\n      -> ${r.detail.split('\n').join('\n         ')}` : head;
}

/** The closing summary. */
export function formatSummary(rep: VerifyReport): string {
  const total = rep.results.length;
  const verdict = rep.ok
    ? 'every rule holds'
    : `${rep.failed} rule${rep.failed === 1 ? '' : 's'} broken`;
  return `${rep.type}: ${total} rule${total === 1 ? '' : 's'}, ${rep.passed} passed, ${rep.failed} failed, ${rep.skipped} skipped: ${verdict}`;
}

/** The whole report as text. */
export function formatReport(rep: VerifyReport): string {
  return [
    `clusterkit verify ${rep.type} (${rep.library})`,
    ...rep.results.map(formatResultLine),
    '',
    formatSummary(rep),
  ].join('\n');
}
