import { expectRule, type Rule } from '../rule.js';
import type { RuleContext } from '../context.js';
import { onlineResource } from './lifecycle.js';

/** Skips process rules for a type whose handler starts no process. */
async function startsProcesses(ctx: RuleContext): Promise<string | undefined> {
  const res = await onlineResource(ctx);
  const pids = ctx.appPids();
  await res.terminate().catch(() => undefined);
  await res.close().catch(() => undefined);
  return pids.length === 0 ? 'the handler starts no process when it goes online' : undefined;
}

async function endsEverything(
  ctx: RuleContext,
  how: 'Offline' | 'Terminate' | 'Close',
): Promise<void> {
  const res = await onlineResource(ctx);
  const pids = ctx.appPids();
  const hosts = ctx.hostPids();
  if (how === 'Offline') await ctx.step('Offline', res.offline());
  else if (how === 'Terminate') await ctx.step('Terminate', res.terminate());
  else await ctx.step('Close', res.close());
  const watch = how === 'Close' ? [...pids, ...hosts] : pids;
  // Give the library and the host a moment to reap; a leak shows up as a survivor after that.
  await ctx.until(() => ctx.running(watch).length === 0, 3000);
  const left = ctx.running(watch);
  expectRule(
    left.length === 0,
    `after ${how} these processes are still running: ${left.join(', ')}`,
  );
}

export const processRules: Rule[] = [
  {
    id: 'offline-ends-processes',
    rule: 'Offline must end every process the handler started.',
    skipIf: startsProcesses,
    check: (ctx) => endsEverything(ctx, 'Offline'),
  },
  {
    id: 'terminate-ends-processes',
    rule: 'Terminate must end every process the handler started.',
    skipIf: startsProcesses,
    check: (ctx) => endsEverything(ctx, 'Terminate'),
  },
  {
    id: 'close-leaves-nothing',
    rule: 'Close of the last resource must leave no handler host and no application process running.',
    check: (ctx) => endsEverything(ctx, 'Close'),
  },
];
