/**
 * Echo Server: a cluster resource type that runs app/echo-server.mjs (a TCP echo server)
 * as a managed process and checks it by connecting to its port.
 */
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineResourceType, prop, ResourceError } from 'clusterkit';

// `clusterkit build` copies app/ next to the bundle (see "clusterkit.assets" in package.json).
const APP = fileURLToPath(new URL('./app/echo-server.mjs', import.meta.url));

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
    // ctx.props are the values the resource runs with: a Port set while it is online waits
    // for the next Online (the cluster says so), so isAlive keeps probing this one.
    const port = ctx.props.Port;
    if (await ctx.probe.tcp(port)) {
      throw new ResourceError(
        `port ${port} is already in use by another process; choose another Port`,
      );
    }
    const args = [APP, '--port', String(port), ...(ctx.props.Verbose ? ['--verbose'] : [])];
    const child = ctx.spawn(process.execPath, args, {
      // The server's own error lines are errors in the cluster log; the rest are information.
      onLine: (line) => (line.startsWith('echo-server:') ? 'error' : 'info'),
      keepLines: 10,
      // After offline() the runtime stops it: SIGTERM (the server then closes its clients),
      // SIGKILL if it still runs 5 s later.
      stop: { signal: 'SIGTERM', scope: 'leader', graceMs: 5000 },
    });
    ctx.publish({ Pid: child.pid, Status: 'starting' });
    while (!(await ctx.probe.tcp(port))) {
      if (!child.running) {
        throw new ResourceError(
          `the echo server exited before listening on port ${port}: ${child.output.join(' | ')}`,
        );
      }
      ctx.progress(`waiting for port ${port}`);
      await sleep(100, undefined, { signal: ctx.signal });
    }
    // An exit is a failure the cluster hears of at once; while Offline or Terminate stops the
    // server, the runtime ignores this report.
    void child.exited.then((info) =>
      ctx.fail(
        `the echo server exited unexpectedly (code ${info.code}, signal ${info.signal ?? 'none'})`,
      ),
    );
    ctx.publish({ Status: 'online' });
    ctx.log.info(`${ctx.props.Greeting}: echo server online on ${ctx.node}:${port}`);
  },

  offline(ctx) {
    // The runtime stops the server after this returns (its `stop` option).
    ctx.publish({ Pid: 0, Status: 'offline' });
  },

  terminate(ctx) {
    ctx.publish({ Pid: 0, Status: 'offline' });
  },

  async isAlive(ctx) {
    return ctx.probe.tcp(ctx.props.Port);
  },
});
