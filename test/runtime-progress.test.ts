/*
 * How automatic progress and ctx.progress() relate (docs/schema.md, "Progress"): automatic
 * PROGRESS is off by default; when a type turns it on, it fills only the gaps longer than
 * progressInterval that the handler's own ctx.progress() calls leave. The real runtime call
 * path and channel, with the clock under the test's control.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeText, Ev, FrameDecoder, type Frame } from '../src/bundle/protocol/index.js';
import { runCall } from '../src/bundle/runtime/call.js';
import { Channel } from '../src/bundle/runtime/channel.js';
import { Instance } from '../src/bundle/runtime/instance.js';
import { defineResourceType } from '../src/index.js';
import type { ResourceContext } from '../src/bundle/sdk/context.js';

function setup(progressInterval?: number) {
  const def = defineResourceType({
    type: 'ProgressProbe',
    properties: {},
    ...(progressInterval !== undefined ? { progressInterval } : {}),
    online() {},
    offline() {},
    isAlive: () => true,
  });
  const frames: Frame[] = [];
  // The channel writes every frame of a turn at once: a write may hold several.
  const channel = new Channel((bytes, done) => {
    frames.push(...new FrameDecoder().push(bytes));
    done();
    return true;
  });
  const inst = new Instance(1, 'P1', def, channel);
  const progress = () => {
    void channel.flush(); // what this turn queued, written now
    return frames
      .filter((f) => f.code === Ev.PROGRESS)
      .map((f) => decodeText(f.payload) || '(auto)');
  };
  const options = {
    timeoutMs: 60_000,
    pending: true,
    progressMs: def.schema.progressInterval,
  };
  return { def, inst, progress, options };
}

/** Runs an online whose body the test steps through; resolve() ends it. */
function pendingCall(s: ReturnType<typeof setup>) {
  let ctx!: ResourceContext<any>;
  let resolve!: () => void;
  const done = runCall(s.inst, s.options, (c) => {
    ctx = c;
    return new Promise<void>((r) => (resolve = r));
  });
  return { ctx: () => ctx, end: () => (resolve(), done) };
}

describe('progress', () => {
  beforeEach(() =>
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'],
    }),
  );
  afterEach(() => vi.useRealTimers());

  it('is off by default: a silent online sends no PROGRESS, however long it runs', async () => {
    const s = setup();
    expect(s.def.schema.progressInterval).toBe(0);
    const call = pendingCall(s);
    await vi.advanceTimersByTimeAsync(10 * 60_000 - 1);
    expect(s.progress()).toEqual([]);
    call.ctx().progress('step');
    expect(s.progress()).toEqual(['step']);
    await call.end();
  });

  it('when turned on, fills only the gaps the handler leaves', async () => {
    const s = setup(50);
    const call = pendingCall(s);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(40);
      call.ctx().progress(`step ${i}`);
    }
    expect(s.progress()).toEqual(['step 0', 'step 1', 'step 2', 'step 3', 'step 4']);
    await vi.advanceTimersByTimeAsync(120); // silent: automatic reports take over
    expect(s.progress().slice(5)).toEqual(['(auto)', '(auto)']);
    await call.end();
    await vi.advanceTimersByTimeAsync(500); // and stop with the call
    expect(s.progress()).toHaveLength(7);
  });

  it('a deadline and progressInterval past 2^31-1 ms wait that long, not 1 ms', async () => {
    const s = setup(0xffffffff);
    const call = pendingCall({ ...s, options: { ...s.options, timeoutMs: 0xffffffff } });
    const start = performance.now();
    vi.advanceTimersToNextTimer();
    expect(performance.now() - start).toBe(0x7fffffff);
    expect(call.ctx().signal.reason).toEqual(new Error('deadline'));
    expect(await call.end()).toEqual({ ok: false, aborted: true, reason: 'deadline' });
    expect(s.progress()).toEqual([]);
  });
});
