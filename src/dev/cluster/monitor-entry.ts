/**
 * A simulated RHS process: loads the resource library with the harness's ResourceMonitor
 * and serves the cluster's requests over IPC. One of these runs per monitor per node.
 */
import { ResourceMonitor, type Resource } from '../harness/index.js';
import { serializeError, type MonitorMessage, type MonitorRequest } from './monitor-ipc.js';

let monitor: ResourceMonitor | undefined;
const resources = new Map<string, Resource>();
/** Resources whose next Online/Offline must fail (fault injection), by lower-case name. */
const failNext = new Map<string, Set<'online' | 'offline'>>();

async function injectedFailure(res: Resource, why: string): Promise<never> {
  await res.failAndTerminate(why);
  const err = new Error(`${why} (injected fault)`);
  err.name = 'InjectedFault';
  throw err;
}

function send(m: MonitorMessage): void {
  // The parent may be gone (it killed us, or crashed): never throw from here.
  if (process.connected) process.send!(m, undefined, undefined, () => undefined);
}

function forward(event: unknown): void {
  send({
    kind: 'event',
    event: event as MonitorMessage & { type: string; resource: string | null },
  } as MonitorMessage);
}

async function serve(req: MonitorRequest): Promise<unknown> {
  switch (req.op) {
    case 'load': {
      monitor = await ResourceMonitor.load({
        library: req.library,
        type: req.type,
        timing: req.timing,
        ...(req.schema !== undefined ? { schema: req.schema } : {}),
        ...(req.databaseFile ? { database: { file: req.databaseFile } } : {}),
      });
      monitor.on('event', forward);
      return { pid: process.pid };
    }
    case 'create': {
      if (!monitor) throw new Error('monitor not loaded');
      const res = await monitor.createResource(
        req.name,
        req.props ?? {},
        req.timing ? { timing: req.timing } : undefined,
      );
      resources.set(req.name, res);
      return { state: res.state };
    }
    case 'call': {
      const res = resources.get(req.name);
      if (!res) throw new Error(`no resource "${req.name}" in this monitor`);
      if (req.method === 'state') return res.state;
      const armed = failNext.get(req.name.toLowerCase());
      if ((req.method === 'online' || req.method === 'offline') && armed?.delete(req.method)) {
        return injectedFailure(
          res,
          `${req.method === 'online' ? 'Online' : 'Offline'} returned ERROR_RESOURCE_FAILED`,
        );
      }
      const fn = (res as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
        req.method
      ];
      const value = await fn.apply(res, req.args);
      if (req.method === 'close') resources.delete(req.name);
      return value;
    }
    case 'inject': {
      const res = resources.get(req.name);
      if (!res) throw new Error(`no resource "${req.name}" in this monitor`);
      if (req.what === 'fail-now') {
        await res.failAndTerminate('IsAlive returned FALSE (injected fault)');
        return res.state;
      }
      const set = failNext.get(req.name.toLowerCase()) ?? new Set();
      set.add(req.what === 'fail-next-online' ? 'online' : 'offline');
      failNext.set(req.name.toLowerCase(), set);
      return null;
    }
    case 'shutdown': {
      await monitor?.close();
      monitor = undefined;
      setImmediate(() => process.exit(0));
      return null;
    }
  }
}

process.on('message', (raw) => {
  const req = raw as MonitorRequest;
  serve(req).then(
    (value) => send({ kind: 'reply', id: req.id, ok: true, value }),
    (e) => send({ kind: 'reply', id: req.id, ok: false, error: serializeError(e) }),
  );
});

// Without the cluster there is nothing to serve: leave instead of lingering as an orphan.
process.on('disconnect', () => {
  const done = () => process.exit(0);
  (monitor ? monitor.close() : Promise.resolve()).then(done, done);
  setTimeout(done, 5000).unref();
});

send({ kind: 'ready', pid: process.pid });
