/**
 * Echo Server: a cluster resource type that runs app/echo-server.mjs (a TCP echo server)
 * as a managed process and checks it by connecting to its port.
 */
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineResourceType, prop, ResourceError, type ManagedProcess } from 'clusterkit';

// `clusterkit build` copies app/ next to the bundle (see "clusterkit.assets" in package.json).
const APP = fileURLToPath(new URL('./app/echo-server.mjs', import.meta.url));
const STOP_GRACE_MS = 5000;

export default defineResourceType({
  type: 'EchoServer',
  displayName: 'Echo Server',
  properties: {
    Port: prop.dword({
      default: 7000,
      min: 1,
      max: 65535,
      description: 'TCP port the echo server listens on',
    }),
    Greeting: prop.string({
      default: 'hello',
      description: 'Written to the cluster log when the server comes online',
    }),
    Verbose: prop.bool({ default: false, description: 'Log every client connection' }),
    Pid: prop.dword({
      readOnly: true,
      description: 'Process id of the running echo server (0 when stopped)',
    }),
    Status: prop.string({ readOnly: true, description: 'starting, online or offline' }),
  },

  async online(ctx) {
    const port = ctx.props.Port;
    if (await ctx.probe.tcp(port)) {
      throw new ResourceError(
        `port ${port} is already in use by another process; choose another Port`,
      );
    }
    const args = [APP, '--port', String(port), ...(ctx.props.Verbose ? ['--verbose'] : [])];
    const child = ctx.spawn(process.execPath, args);
    ctx.state.child = child;
    ctx.publish({ Pid: child.pid, Status: 'starting' });
    while (!(await ctx.probe.tcp(port))) {
      if (!child.running) {
        ctx.state.child = undefined;
        throw new ResourceError(
          `the echo server exited before listening on port ${port}: ${child.output.join(' | ')}`,
        );
      }
      ctx.progress(`waiting for port ${port}`);
      await sleep(100, undefined, { signal: ctx.signal });
    }
    // From now on an exit we did not ask for is an asynchronous failure.
    void child.exited.then((info) => {
      if (ctx.state.child !== child) return;
      ctx.state.child = undefined;
      ctx.publish({ Pid: 0, Status: 'failed' });
      ctx.fail(
        `the echo server exited unexpectedly (code ${info.code}, signal ${info.signal ?? 'none'})`,
      );
    });
    ctx.publish({ Pid: child.pid, Status: 'online' });
    ctx.log.info(`${ctx.props.Greeting}: echo server online on port ${port} (pid ${child.pid})`);
  },

  async offline(ctx) {
    const child = ctx.state.child as ManagedProcess | undefined;
    ctx.state.child = undefined;
    if (child?.running) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await child.exited;
      clearTimeout(force);
    }
    ctx.publish({ Pid: 0, Status: 'offline' });
  },

  terminate(ctx) {
    // The runtime kills every managed process; forget ours so its exit is not reported as a failure.
    ctx.state.child = undefined;
    ctx.publish({ Pid: 0, Status: 'offline' });
  },

  looksAlive(ctx) {
    return (ctx.state.child as ManagedProcess | undefined)?.running === true;
  },

  async isAlive(ctx) {
    return ctx.probe.tcp(ctx.props.Port);
  },
});
