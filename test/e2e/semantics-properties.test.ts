// Running values against stored ones, through the real library and host (docs/sdk.md,
// "Running values"): a SET while online is stored; live properties go to propertiesChanged,
// whose answer the library turns into 0 or ERROR_RESOURCE_PROPERTIES_STORED; a throw there fails
// the SET and stores nothing. Also validate's context, choices and secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PropertiesRejectedError,
  ResourceMonitor,
  userControlCode,
  type Resource,
} from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, freePorts, type BuiltType } from './helpers.js';

describe('running values, live properties, choices and secrets', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;
  let res: Resource;
  let ports: number[];

  /** ctx.props as the handler sees it now (the Props control). */
  const running = async () => {
    const r = await res.control(userControlCode(1));
    expect(r.status).toBe(0);
    return JSON.parse(Buffer.from(r.data).toString('utf8')) as Record<string, unknown>;
  };
  const rejected = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('the SET was accepted');
      },
      (e: unknown) => e as PropertiesRejectedError,
    );

  beforeAll(async () => {
    built = await buildInTemp(fixture('s-semantics.ts'));
    ports = await freePorts(3);
    monitor = await ResourceMonitor.load({ library: built.library, type: built.typeName });
    res = await monitor.createResource('Sem1', { Port: ports[0], DataDir: '/srv/a' });
    await res.online();
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('a restart property set while online is stored: ctx.props keeps the running port, isAlive stays TRUE', async () => {
    expect(await res.setProperties({ Port: ports[1] })).toEqual({ stored: true });
    expect((await res.getProperties()).Port).toBe(ports[1]);
    expect((await running()).Port).toBe(ports[0]);
    expect(await res.isAlive()).toBe(true);
    expect(monitor.logs.since(0, 'Sem1', 1e6).join('\n')).toMatch(
      /Port takes effect at the next online/,
    );
  });

  it('a live property is applied: status 0, ctx.props takes it, the restart one still waits', async () => {
    // Port still waits, but that was this earlier SET's news: this one applied all it changed.
    expect(await res.setProperties({ Threshold: 20 })).toEqual({ stored: false });
    const now = await running();
    expect([now.Threshold, now.Port]).toEqual([20, ports[0]]);
    expect((await res.getReadOnlyProperties()).Status).toBe('applied Threshold; waiting Port');
    // A live and a restart property in one SET: the live one applied, 5024 names the other.
    expect(await res.setProperties({ Threshold: 21, Mode: 'immediate' })).toEqual({ stored: true });
    expect((await running()).Threshold).toBe(21);
    expect(monitor.logs.since(0, 'Sem1', 1e6).join('\n')).toMatch(
      /Threshold applied; Mode takes effect at the next online/,
    );
  });

  it("propertiesChanged answering 'stored' keeps ctx.props; a throw fails the SET and stores nothing", async () => {
    expect(await res.setProperties({ Apply: 'stored', Threshold: 30 })).toEqual({ stored: true });
    expect((await running()).Threshold).toBe(21);
    expect((await res.getProperties()).Threshold).toBe(30);
    const err = await rejected(res.setProperties({ Apply: 'throw', Threshold: 40 }));
    expect(err).toBeInstanceOf(PropertiesRejectedError);
    expect(err.win32).toBe(1460);
    expect(err.reason).toMatch(/could not apply the new properties.*cannot apply them now/);
    const stored = await res.getProperties();
    expect([stored.Apply, stored.Threshold]).toEqual(['stored', 30]);
    expect((await running()).Threshold).toBe(21);
  });

  it('after an offline and online the stored values run', async () => {
    await res.setProperties({ Apply: 'applied' });
    await res.offline();
    await res.online();
    const now = await running();
    expect([now.Port, now.Threshold, now.Apply]).toEqual([ports[1], 30, 'applied']);
    expect(await res.setProperties({ Threshold: 31 })).toEqual({ stored: false });
    expect((await running()).Threshold).toBe(31);
  });

  it('validate gets the running values: DataDir cannot change while online, can while offline', async () => {
    const err = await rejected(res.setProperties({ DataDir: '/srv/b' }));
    expect(err.win32).toBe(87);
    expect(err.reason).toMatch(
      /DataDir cannot change while Sem1 is Online \(it runs from \/srv\/a\)/,
    );
    await res.offline();
    expect(await res.setProperties({ DataDir: '/srv/b' })).toEqual({ stored: false });
  });

  it('a choice is one of its texts, exactly', async () => {
    const err = await rejected(res.setProperties({ Mode: 'Smart' }));
    expect(err.win32).toBe(87);
    expect(err.reason).toMatch(
      /property Mode is not one of its choices; give one of smart, fast, immediate/,
    );
    expect(await res.setProperties({ Mode: 'smart' })).toEqual({ stored: false });
    expect((await res.getProperties()).Mode).toBe('smart');
  });

  it('a secret is never read back, is stored sealed, reaches only the handler, and is never logged', async () => {
    const secret = 'pa55-w0rd-7f3e';
    expect(await res.setProperties({ Password: secret })).toEqual({ stored: false });
    expect('Password' in (await res.getProperties())).toBe(false);
    const stored = monitor.database.get('Resources\\Sem1', 'Password')!;
    expect(stored.type).toBe(3); // REG_BINARY: the sealed form
    expect(Buffer.from(stored.data).includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    expect(Buffer.from(stored.data).includes(Buffer.from(secret, 'utf8'))).toBe(false);
    await res.online();
    expect((await running()).Password).toBe(secret);
    expect(monitor.logs.since(0, 'Sem1', 1e6).join('\n')).not.toContain(secret);
  });

  it('described controls take and give text, JSON and bytes; bad JSON is refused with 87', async () => {
    const call = (fn: number, text: string) =>
      res.control(userControlCode(fn), new Uint8Array(Buffer.from(text, 'utf8')));
    const shout = await call(2, 'héllo');
    expect([shout.status, Buffer.from(shout.data).toString('utf8')]).toEqual([0, 'HÉLLO']);
    const sum = await call(3, '[1, 2, 39]');
    expect(JSON.parse(Buffer.from(sum.data).toString('utf8'))).toEqual({ sum: 42 });
    expect((await call(3, '{nope')).status).toBe(87);
    const rev = await res.control(userControlCode(4), Uint8Array.of(1, 2, 3));
    expect([...rev.data]).toEqual([3, 2, 1]);
    await res.offline();
  });
});
