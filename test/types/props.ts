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
  validate(props) {
    expectType<Equal<typeof props.Offset, number>>(true);
    // @ts-expect-error misspelt in validate too
    props.Ofset;
    return props.Port === 1 ? 'port 1 is reserved' : undefined;
  },
  controls: {
    1: (_ctx, input) => input,
    2: async () => 'text',
  },
});

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
