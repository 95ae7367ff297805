import { expectRule, type Rule } from '../rule.js';
import type { RuleContext } from '../context.js';
import { onlineResource } from './lifecycle.js';

async function checkAnswers(ctx: RuleContext, check: 'LooksAlive' | 'IsAlive'): Promise<void> {
  const res = await onlineResource(ctx);
  const alive = await ctx.step(check, check === 'IsAlive' ? res.isAlive() : res.looksAlive());
  expectRule(alive === true, `${check} answered FALSE for a resource that just came Online`);
}

async function checkFast(ctx: RuleContext, check: 'LooksAlive' | 'IsAlive'): Promise<void> {
  const res = await onlineResource(ctx);
  let worst = 0;
  for (let i = 0; i < 3; i++) {
    const from = ctx.events.length;
    await ctx.step(check, check === 'IsAlive' ? res.isAlive() : res.looksAlive());
    const e = ctx.events.slice(from).find((x) => x.type === 'check' && x.check === check) as
      { durationMs: number } | undefined;
    worst = Math.max(worst, e?.durationMs ?? 0);
  }
  expectRule(
    worst <= ctx.settings.fastCallMs,
    `${check} took ${Math.round(worst)} ms (limit ${ctx.settings.fastCallMs} ms); cache a slow check and answer from the cache`,
  );
}

function killApps(ctx: RuleContext): number[] {
  const pids = ctx.appPids();
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  return pids;
}

async function startsProcesses(ctx: RuleContext): Promise<string | undefined> {
  const res = await onlineResource(ctx);
  const none = ctx.appPids().length === 0;
  await res.terminate().catch(() => undefined);
  await res.close().catch(() => undefined);
  return none ? 'the handler starts no process when it goes online' : undefined;
}

export const healthRules: Rule[] = [
  {
    id: 'looks-alive-when-online',
    rule: 'LooksAlive must answer TRUE while the resource is Online.',
    check: (ctx) => checkAnswers(ctx, 'LooksAlive'),
  },
  {
    id: 'is-alive-when-online',
    rule: 'IsAlive must answer TRUE while the resource is Online.',
    check: (ctx) => checkAnswers(ctx, 'IsAlive'),
  },
  {
    id: 'looks-alive-fast',
    rule: 'LooksAlive must answer within 300 ms.',
    check: (ctx) => checkFast(ctx, 'LooksAlive'),
  },
  {
    id: 'is-alive-fast',
    rule: 'IsAlive must answer within 300 ms.',
    check: (ctx) => checkFast(ctx, 'IsAlive'),
  },
  {
    id: 'is-alive-false-after-app-dies',
    rule: 'IsAlive must answer FALSE after the application dies.',
    skipIf: startsProcesses,
    async check(ctx) {
      const res = await onlineResource(ctx);
      killApps(ctx);
      const from = ctx.events.length;
      const saidFalse = () =>
        ctx.events
          .slice(from)
          .some((e) => e.type === 'check' && e.check === 'IsAlive' && e.result === false);
      const ok = await ctx.until(
        async () => {
          if (saidFalse()) return true;
          if (res.state !== 'Online') return false;
          return (await res.isAlive()) === false;
        },
        ctx.settings.detectFailureMs,
        200,
      );
      expectRule(
        ok,
        `IsAlive still answered TRUE ${ctx.settings.detectFailureMs} ms after every application process was killed`,
      );
    },
  },
  {
    id: 'failure-detected-by-polling',
    rule: 'After the application dies, polling or the event handle must fail the resource without any explicit call.',
    skipIf: startsProcesses,
    async check(ctx) {
      const res = await onlineResource(ctx, { looksAlive: 100, isAlive: 300 });
      killApps(ctx);
      const ok = await ctx.until(() => res.state === 'Failed', ctx.settings.detectFailureMs);
      expectRule(
        ok,
        `the resource was still ${res.state} ${ctx.settings.detectFailureMs} ms after its application was killed`,
      );
    },
  },
  {
    id: 'no-spurious-failure',
    rule: 'A healthy resource polled every 100 ms must stay Online.',
    async check(ctx) {
      const res = await onlineResource(ctx, { looksAlive: 100, isAlive: 100 });
      await new Promise((r) => setTimeout(r, ctx.settings.soakMs));
      const failed = ctx.events.find(
        (e) => e.type === 'check' && e.resource === res.name && e.result === false,
      ) as { check: string } | undefined;
      expectRule(
        res.state === 'Online' && !failed,
        `the resource went ${res.state}${failed ? ` after ${failed.check} answered FALSE` : ''} while nothing was wrong`,
      );
    },
  },
];
