/**
 * Type test, compiled by test/sdk-types.test.ts with `tsc --noEmit -p test/types`.
 * Every @ts-expect-error must be an error: if the typing regresses, tsc reports
 * "Unused '@ts-expect-error' directive" and the test fails.
 */
import { defineResourceType, prop, ResourceError } from '../../src/index.js';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok: T): void {}

export const definition = defineResourceType({
  type: 'EchoServer',
  properties: {
    Port: prop.dword({ default: 7000, min: 1, max: 65535, description: 'TCP port' }),
    Greeting: prop.string({ default: 'hello' }),
    DataDir: prop.expandString({ required: true }),
    Peers: prop.multiString({ default: [] }),
    Verbose: prop.bool({ default: false }),
    Offset: prop.long({ default: 0, min: -10, max: 10 }),
    Quota: prop.ulargeInteger({ default: 0n }),
    Delta: prop.largeInteger({ min: -5n }),
    Token: prop.binary({}),
    Status: prop.string({ readOnly: true }),
    Pid: prop.dword({ readOnly: true }),
  },
  async online(ctx) {
    expectType<Equal<typeof ctx.props.Port, number>>(true);
    expectType<Equal<typeof ctx.props.Peers, string[]>>(true);
    expectType<Equal<typeof ctx.props.DataDir, string>>(true);
    expectType<Equal<typeof ctx.props.Verbose, boolean>>(true);
    expectType<Equal<typeof ctx.props.Quota, bigint>>(true);
    expectType<Equal<typeof ctx.props.Delta, bigint | undefined>>(true);
    expectType<Equal<typeof ctx.props.Token, Uint8Array | undefined>>(true);
    const port: number = ctx.props.Port;
    // @ts-expect-error a misspelt property name is a compile error
    ctx.props.Prot;
    // @ts-expect-error Port is a number, not a string
    const wrong: string = ctx.props.Port;
    // @ts-expect-error a read-only property is not in ctx.props
    ctx.props.Status;
    ctx.publish({ Status: `listening on ${port}`, Pid: 42 });
    // @ts-expect-error only read-only properties can be published
    ctx.publish({ Port: 1 });
    // @ts-expect-error a published value has its property's type
    ctx.publish({ Pid: 'forty-two' });
    const child = ctx.spawn('/bin/sleep', ['100'], { cwd: '/' });
    ctx.state.child = child;
    if (!(await ctx.probe.tcp(port))) throw new ResourceError('not listening', 1460);
    void wrong;
  },
  offline(ctx) {
    ctx.log.info(`stopping ${ctx.name}`);
  },
  isAlive: async (ctx) => ctx.probe.tcp(ctx.props.Port),
  validate(props, ctx) {
    expectType<Equal<typeof props.Offset, number>>(true);
    // A required property is undefined until it is set: validate must not assume it.
    expectType<Equal<typeof props.DataDir, string | undefined>>(true);
    const running: { readonly Port: number; readonly DataDir: string } | undefined = ctx.running;
    void running;
    if (ctx.running && ctx.running.DataDir !== props.DataDir)
      return 'DataDir cannot change while Online';
    // @ts-expect-error validate's context starts no processes
    ctx.spawn;
    ctx.log.info(`validating on ${ctx.node}`);
    // @ts-expect-error misspelt in validate too
    props.Ofset;
    return props.Port === 1 ? 'port 1 is reserved' : undefined;
  },
  controls: {
    1: (_ctx, input) => input,
    2: async () => 'text',
  },
});

export const pg = defineResourceType({
  type: 'PostgreSQL',
  properties: {
    Mode: prop.choice(['smart', 'fast', 'immediate'], { default: 'fast', live: true }),
    Level: prop.choice(['debug', 'info']),
    Password: prop.secret({ required: true }),
    SlowMs: prop.long({ default: -1, live: true }),
  },
  async online(ctx) {
    expectType<Equal<typeof ctx.props.Mode, 'smart' | 'fast' | 'immediate'>>(true);
    expectType<Equal<typeof ctx.props.Level, 'debug' | 'info' | undefined>>(true);
    expectType<Equal<typeof ctx.props.Password, string>>(true);
    expectType<Equal<typeof ctx.node, string>>(true);
    expectType<Equal<typeof ctx.scratch, string>>(true);
    const postgres = ctx.account('postgres');
    expectType<Equal<typeof postgres.uid, number>>(true);
    const child = ctx.spawn('/usr/bin/postgres', [], {
      user: 'postgres',
      stdin: ctx.props.Password,
      keepLines: 20,
      onLine: (line) => (line.startsWith('FATAL') ? 'error' : undefined),
      stop: { signal: 'SIGINT', scope: 'leader', graceMs: 30_000 },
    });
    child.kill('SIGTERM', 'leader');
    await child.stop();
    // @ts-expect-error not one of the choices
    const bad: typeof ctx.props.Mode = 'slow';
    void bad;
  },
  offline() {},
  isAlive: () => true,
  propertiesChanged(ctx, change) {
    expectType<Equal<typeof change.next.SlowMs, number>>(true);
    if (change.changed.includes('Mode')) return 'stored';
    expectType<Equal<typeof ctx.props.SlowMs, number>>(true);
    return 'applied';
  },
  controls: {
    1: {
      name: 'Info',
      input: 'json',
      output: 'json',
      run: (_ctx, input) => ({ got: input }),
    },
    2: {
      name: 'Rewrite',
      input: 'text',
      output: 'text',
      run: (_ctx, text) => {
        expectType<Equal<typeof text, string>>(true);
        return text.toUpperCase();
      },
    },
    // @ts-expect-error a bytes output is a Uint8Array, not a number
    3: {
      input: 'none',
      output: 'bytes',
      run: () => 42,
    },
  },
});

// @ts-expect-error a secret has no default
prop.secret({ default: 'x' });
// @ts-expect-error a choice's default is one of its choices
prop.choice(['a', 'b'], { default: 'c' });

defineResourceType({
  type: 'Bad',
  // @ts-expect-error a default must have the kind's value type
  properties: { Port: prop.dword({ default: 'seven' }) },
  online() {},
  offline() {},
  isAlive: () => true,
});

// @ts-expect-error isAlive is required
defineResourceType({ type: 'NoIsAlive', properties: {}, online() {}, offline() {} });
