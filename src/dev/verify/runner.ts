import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryScript } from '../cluster/entry-script.js';
import { killTree } from '../cluster/process-tree.js';
import type { Schema } from '../../bundle/sdk/schema.js';
import type { RuleResult } from './rule.js';
import { ALL_RULES } from './rules/index.js';
import { DEFAULT_VERIFY_SETTINGS, type VerifySettings } from './settings.js';
import type { WorkerRequest } from './worker-entry.js';

export interface VerifyOptions {
  library: string;
  bundle: string;
  schema: Schema;
  settings?: Partial<VerifySettings>;
  /** Rule ids to run (default: every rule). Unknown ids are refused. */
  only?: readonly string[];
  /** Called as each rule finishes. */
  onResult?: (r: RuleResult) => void;
}

export interface VerifyReport {
  type: string;
  library: string;
  results: RuleResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** True only when no rule failed. */
  ok: boolean;
  /** What the rules do not model about this type (e.g. the dependencies it requires). */
  notes: string[];
}

/** Facts about the type that no rule checks, said once so nobody assumes they were. */
export function verifyNotes(schema: Schema): string[] {
  const { types, classes } = schema.requiredDependencies;
  if (types.length === 0 && classes.length === 0) return [];
  const what = [
    ...types.map((t) => `a resource of type "${t}"`),
    ...classes.map((c) => `a resource of class ${c}`),
  ].join(' and ');
  return [
    `${schema.type} requires a dependency on ${what}; verify runs each resource alone, with no provider, ` +
      "so what a provider gives (a disk's folder, an address) must come from a property, which verify invents " +
      '(or --set gives). clusterkit run --config can model the provider (docs/sdk.md, "Storage and other dependencies").',
  ];
}

/** Stable codes of verify errors that are not rule failures (bad input). */
export class VerifyError extends Error {
  readonly code = 'VERIFY_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'VerifyError';
  }
}

/** Runs the conformance suite, one child process per rule, in report order. */
export async function runVerify(o: VerifyOptions): Promise<VerifyReport> {
  const settings: VerifySettings = { ...DEFAULT_VERIFY_SETTINGS, ...o.settings };
  const unknown = (o.only ?? []).filter((id) => !ALL_RULES.some((r) => r.id === id));
  if (unknown.length) {
    throw new VerifyError(
      `unknown rule id(s): ${unknown.join(', ')}; known rules are ${ALL_RULES.map((r) => r.id).join(', ')}`,
    );
  }
  const rules = o.only?.length ? ALL_RULES.filter((r) => o.only!.includes(r.id)) : ALL_RULES;
  const script = await entryScript('verify/worker-entry');
  const results: RuleResult[] = [];
  // Made-up folders of every rule live here; removed even when a rule's process was killed.
  const scratch = mkdtempSync(join(tmpdir(), 'ck-verify-'));
  const removeScratch = () => rmSync(scratch, { recursive: true, force: true });
  // Ctrl-C ends the rule processes too (same process group); take their folders with them.
  const onSignal = (signal: NodeJS.Signals) => {
    removeScratch();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    for (const [i, rule] of rules.entries()) {
      const req: WorkerRequest = {
        library: o.library,
        bundle: o.bundle,
        schema: o.schema,
        settings,
        ruleId: rule.id,
        scratchDir: join(scratch, `${i}-${rule.id}`),
      };
      const r = await runOne(script, req, settings.ruleTimeoutMs, rule.rule);
      results.push(r);
      o.onResult?.(r);
    }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    removeScratch();
  }
  const count = (x: RuleResult['outcome']) => results.filter((r) => r.outcome === x).length;
  return {
    type: o.schema.type,
    library: o.library,
    results,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    ok: count('fail') === 0,
    notes: verifyNotes(o.schema),
  };
}

function runOne(
  script: string,
  req: WorkerRequest,
  timeoutMs: number,
  sentence: string,
): Promise<RuleResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    let result: RuleResult | undefined;
    const timer = setTimeout(() => {
      result = {
        id: req.ruleId,
        rule: sentence,
        outcome: 'fail',
        detail: `the rule did not finish within ${timeoutMs} ms`,
        ms: Date.now() - started,
      };
      if (child.pid) killTree(child.pid);
    }, timeoutMs);
    child.on('message', (m) => (result ??= m as RuleResult));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        result ?? {
          id: req.ruleId,
          rule: sentence,
          outcome: 'fail',
          ms: Date.now() - started,
          detail: `the rule's process ended (${signal ?? `exit code ${code}`}) without a result${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
        },
      );
    });
    child.send(req);
  });
}
