/*
 * npm run demo: build the echo-server example, bring it Online in the local RHS harness,
 * echo through it, kill its application and watch the failure being detected, then take
 * it Offline. Exits 0 only if every step behaved as described.
 */
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildType } from '../generator/index.js';
import { ResourceMonitor, type HarnessEvent } from '../src/dev/harness/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const example = path.join(root, 'examples', 'echo-server');
const started = Date.now();

function say(line: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(2).padStart(6);
  console.log(`${t}s  ${line}`);
}

function describe(e: HarnessEvent): string | undefined {
  switch (e.type) {
    case 'state':
      return `state  ${e.from} -> ${e.to}  (${e.why})`;
    case 'status':
      return `status SetResourceStatus(state=${e.state}, CheckPoint=${e.checkPoint})`;
    case 'check':
      return e.trigger === 'poll' && e.result
        ? undefined
        : `check  ${e.check} = ${e.result ? 'TRUE' : 'FALSE'} (${e.trigger}, ${e.durationMs.toFixed(1)} ms)`;
    case 'log':
      return `log    [${e.levelName}] ${e.text}`;
    case 'event-signaled':
      return 'event  the library signaled the Online event handle (asynchronous failure)';
    default:
      return undefined;
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((ok) => srv.close(() => ok()));
  return port;
}

function echo(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    sock.setTimeout(5000, () => sock.destroy(new Error('echo timed out')));
    sock.on('connect', () => sock.write(text));
    sock.on('data', (d) => {
      got += d.toString('utf8');
      if (got.length >= text.length) sock.end();
    });
    sock.on('close', () => resolve(got));
    sock.on('error', reject);
  });
}

function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.on('connect', () => (sock.destroy(), resolve(false)));
    sock.on('error', () => resolve(true));
  });
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`demo step failed: ${what}`);
  say(`ok     ${what}`);
}

async function main(): Promise<void> {
  say('building examples/echo-server (bundle, schema, C type table, CMake library) ...');
  const built = await buildType({
    handler: path.join(example, 'src', 'handler.ts'),
    outDir: path.join(example, 'dist'),
  });
  say(
    `built  ${path.relative(root, built.library)} + ${path.relative(root, built.bundle)}${built.skipped ? ' (unchanged)' : ''}`,
  );

  const monitor = await ResourceMonitor.load({
    library: built.library,
    type: built.typeName,
    schema: built.schema,
    bundle: built.bundle,
    timing: { looksAlive: 250, isAlive: 1000 },
    onEvent: (e) => {
      const line = describe(e);
      if (line) say(`${e.resource ?? built.typeName}: ${line}`);
    },
  });
  try {
    const port = await freePort();
    say(`creating resource Echo1 with Port=${port}`);
    const res = await monitor.createResource('Echo1', {
      Port: port,
      Greeting: 'hello from the demo',
    });

    await res.online();
    check(res.state === 'Online', 'Echo1 is Online');
    const text = 'round trip through the cluster resource';
    const back = await echo(port, text);
    check(back === text, `echo on port ${port} answered "${back}"`);

    const ro = await res.getReadOnlyProperties();
    const pid = Number(ro.Pid);
    check(
      pid > 0,
      `the handler published the application's Pid=${pid} (Status=${String(ro.Status)})`,
    );
    say(`killing the application (pid ${pid}) with SIGKILL ...`);
    process.kill(pid, 'SIGKILL');
    await res.waitForState('Failed', 30000);
    check(res.state === 'Failed', 'the failure was detected and Echo1 is Failed (then terminated)');

    await res.offline();
    check(res.state === 'Offline', 'Echo1 is Offline');
    check(await portClosed(port), `port ${port} is closed`);
    await res.close();
  } finally {
    await monitor.close();
  }
  check(monitor.hostProcesses().length === 0, 'monitor closed: no handler host left running');
  say('demo finished');
  // The same type in a local cluster, with the web console (docs/console.md).
  say('next: the web console (property pages, live state, timeline) on a local cluster:');
  say(
    `       clusterkit run --web   (here: node dist/src/dev/cli/main.js run --web --handler ${path.relative(root, path.join(example, 'src', 'handler.ts'))} --out ${path.relative(root, path.join(example, 'dist'))})`,
  );
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`demo failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
