/**
 * Runs one verify rule in its own process, so a rule that crashes or hangs the library
 * cannot affect the others, and each rule starts with a fresh library and handler host.
 */
import { rmSync } from 'node:fs';
import type { Schema } from '../../bundle/sdk/schema.js';
import { RuleContext } from './context.js';
import type { RuleResult } from './rule.js';
import { findRule } from './rules/index.js';
import type { VerifySettings } from './settings.js';

export interface WorkerRequest {
  library: string;
  bundle: string;
  schema: Schema;
  settings: VerifySettings;
  ruleId: string;
  /** This rule's folder for made-up property values (removed when the rule ends). */
  scratchDir: string;
}

async function run(req: WorkerRequest): Promise<RuleResult> {
  const rule = findRule(req.ruleId);
  if (!rule) throw new Error(`unknown rule ${req.ruleId}`);
  const started = Date.now();
  const result = (outcome: RuleResult['outcome'], detail: string): RuleResult => ({
    id: rule.id,
    rule: rule.rule,
    outcome,
    detail,
    ms: Date.now() - started,
  });
  let ctx: RuleContext | undefined;
  try {
    ctx = await RuleContext.open(req);
    const skip = rule.skipIf ? await rule.skipIf(ctx) : undefined;
    if (skip) return result('skip', skip);
    if (rule.skipIf) {
      // The applicability probe used the library: start the check itself from a clean monitor.
      await ctx.dispose();
      ctx = await RuleContext.open(req);
    }
    await rule.check(ctx);
    return result('pass', '');
  } catch (e) {
    return result('fail', e instanceof Error ? e.message : String(e));
  } finally {
    await ctx?.dispose();
    // After dispose: every process that could still write into it is gone.
    rmSync(req.scratchDir, { recursive: true, force: true });
  }
}

process.once('message', (raw) => {
  const req = raw as WorkerRequest;
  run(req).then(
    (r) => process.send!(r, () => process.exit(0)),
    (e) =>
      process.send!({ id: req.ruleId, rule: '', outcome: 'fail', detail: String(e), ms: 0 }, () =>
        process.exit(0),
      ),
  );
});
