import { ERROR_IO_PENDING, ERROR_SUCCESS } from '../../../bundle/resapi/index.js';
import { expectRule, type Rule } from '../rule.js';
import type { RuleContext } from '../context.js';

/** Brings a new resource online; a failure here is reported as the rule's failure. */
export async function onlineResource(ctx: RuleContext, timing?: Record<string, number>) {
  const res = await ctx.step('Open', ctx.create(ctx.props, timing));
  await ctx.step('Online', res.online());
  return res;
}

function returnedFast(ctx: RuleContext, name: string, call: string, from: number): void {
  const calls = ctx.calls(name, call, from);
  expectRule(calls.length > 0, `no ${call} call was seen`);
  const c = calls[calls.length - 1];
  expectRule(
    c.status === ERROR_SUCCESS || c.status === ERROR_IO_PENDING,
    `${call} returned ${String(c.status)}, not ERROR_SUCCESS or ERROR_IO_PENDING`,
  );
  expectRule(
    c.durationMs <= ctx.settings.fastCallMs,
    `${call} took ${Math.round(c.durationMs)} ms to return (limit ${ctx.settings.fastCallMs} ms)`,
  );
}

export const lifecycleRules: Rule[] = [
  {
    id: 'open-offline',
    rule: 'Open of a resource with valid properties must succeed and leave it Offline.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      expectRule(res.state === 'Offline', `after Open the resource is ${res.state}`);
    },
  },
  {
    id: 'online-returns-fast',
    rule: 'Online must return ERROR_IO_PENDING or finish within 300 ms.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const from = ctx.events.length;
      await ctx.step(
        'Online',
        res.online().catch(() => undefined),
      );
      returnedFast(ctx, res.name, 'Online', from);
    },
  },
  {
    id: 'online-reaches-online',
    rule: 'Online with valid properties must reach Online.',
    async check(ctx) {
      const res = await onlineResource(ctx);
      expectRule(res.state === 'Online', `after Online the resource is ${res.state}`);
    },
  },
  {
    id: 'online-reports-progress',
    rule: 'A pending Online must report its status at least every 1.5 s, since PendingTimeout is measured between reports.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      let last = Date.now();
      let worst = 0;
      const watch = setInterval(() => undefined, 1000);
      const onEvent = (e: { type: string; resource: string | null }) => {
        if (e.resource !== res.name || e.type !== 'status') return;
        worst = Math.max(worst, Date.now() - last);
        last = Date.now();
      };
      ctx.monitor.on('event', onEvent);
      try {
        await ctx.step('Online', res.online());
      } finally {
        clearInterval(watch);
        ctx.monitor.off('event', onEvent);
      }
      worst = Math.max(worst, Date.now() - last);
      expectRule(
        worst <= ctx.settings.progressGapMs,
        `the pending Online went ${worst} ms without a status report (limit ${ctx.settings.progressGapMs} ms); call ctx.progress() while it waits (automatic progress is off by default; docs/schema.md, "Progress")`,
      );
    },
  },
  {
    id: 'offline-returns-fast',
    rule: 'Offline must return ERROR_IO_PENDING or finish within 300 ms.',
    async check(ctx) {
      const res = await onlineResource(ctx);
      const from = ctx.events.length;
      await ctx.step(
        'Offline',
        res.offline().catch(() => undefined),
      );
      returnedFast(ctx, res.name, 'Offline', from);
    },
  },
  {
    id: 'offline-reaches-offline',
    rule: 'Offline of an online resource must reach Offline.',
    async check(ctx) {
      const res = await onlineResource(ctx);
      await ctx.step('Offline', res.offline());
      expectRule(res.state === 'Offline', `after Offline the resource is ${res.state}`);
    },
  },
  {
    id: 'offline-of-offline',
    rule: 'Offline of an offline resource must succeed.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      await ctx.step('Offline', res.offline());
      expectRule(res.state === 'Offline', `after Offline the resource is ${res.state}`);
    },
  },
  {
    id: 'online-after-offline',
    rule: 'Online after Offline must succeed again.',
    async check(ctx) {
      const res = await onlineResource(ctx);
      await ctx.step('Offline', res.offline());
      await ctx.step('the second Online', res.online());
      expectRule(res.state === 'Online', `after the second Online the resource is ${res.state}`);
    },
  },
  {
    id: 'online-after-terminate',
    rule: 'Online after Terminate must succeed, so RHS can restart a resource it terminated.',
    async check(ctx) {
      const res = await onlineResource(ctx);
      await ctx.step('Terminate', res.terminate());
      await ctx.step('Online after Terminate', res.online());
      expectRule(res.state === 'Online', `after Terminate and Online the resource is ${res.state}`);
    },
  },
  {
    id: 'terminate-returns-fast',
    rule: 'Terminate must return within 300 ms.',
    async check(ctx) {
      const res = await onlineResource(ctx);
      const from = ctx.events.length;
      await ctx.step('Terminate', res.terminate());
      const calls = ctx.calls(res.name, 'Terminate', from);
      expectRule(calls.length > 0, 'no Terminate call was seen');
      const ms = Math.round(calls[calls.length - 1].durationMs);
      expectRule(
        ms <= ctx.settings.fastCallMs,
        `Terminate took ${ms} ms (limit ${ctx.settings.fastCallMs} ms)`,
      );
    },
  },
];
