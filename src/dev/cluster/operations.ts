import type { ClusterCore } from './cluster-core.js';
import type { ClusterGroup, ClusterResource } from './cluster-resource.js';
import { dependentsOf, offlineOrder, onlineOrder, providersOf } from './dependencies.js';

const ACTIVE = new Set(['Online', 'OnlinePending', 'OfflinePending']);

/** Online of one resource in its monitor (serialized per resource); providers are the caller's job. */
export function bringOnline(c: ClusterCore, r: ClusterResource): Promise<void> {
  return r.queue.run(async () => {
    if (r.state === 'Online') return;
    await r.terminating;
    await c.open(r);
    if (r.standInType !== undefined) {
      setState(c, r, 'Online', `stand-in for a resource of type "${r.standInType}"`);
      return;
    }
    const m = await c.monitorOf(r);
    await m.call(r.name, 'online');
  });
}

/** Offline of one resource in its monitor; a resource open nowhere is simply Offline. */
export async function bringOffline(c: ClusterCore, r: ClusterResource): Promise<void> {
  // A pending Online would hold the queue until it ends: Terminate (concurrent with everything) cancels it.
  const live = r.node ? c.node(r.node).existing(r.monitorKey) : undefined;
  if (live && r.state === 'OnlinePending')
    await live.call(r.name, 'terminate').catch(() => undefined);
  return r.queue.run(async () => {
    if (r.standInType !== undefined) {
      setState(c, r, 'Offline', `stand-in for a resource of type "${r.standInType}"`);
      return;
    }
    const m = r.node ? c.node(r.node).existing(r.monitorKey) : undefined;
    if (!m) return;
    await m.call(r.name, 'offline');
  });
}

/** Administrator Online: providers first (bottom-up), then the resource. */
export async function onlineResource(c: ClusterCore, r: ClusterResource): Promise<void> {
  const g = r.group;
  for (const name of [...providersOf(r.name, g.names, g.dependencies), r.name]) {
    const x = c.resource(name);
    x.wantOnline = true;
    x.recovery.cancel();
    await bringOnline(c, x);
  }
}

/** Administrator Offline: dependents first (top-down), then the resource. */
export async function offlineResource(c: ClusterCore, r: ClusterResource): Promise<void> {
  const g = r.group;
  for (const name of [...dependentsOf(r.name, g.names, g.dependencies), r.name]) {
    const x = c.resource(name);
    x.wantOnline = false;
    x.recovery.cancel();
    await bringOffline(c, x);
  }
}

export async function onlineGroup(c: ClusterCore, g: ClusterGroup): Promise<void> {
  for (const name of onlineOrder(g.names, g.dependencies))
    await onlineResource(c, c.resource(name));
}

export async function offlineGroup(c: ClusterCore, g: ClusterGroup): Promise<void> {
  for (const name of offlineOrder(g.names, g.dependencies))
    await offlineResource(c, c.resource(name));
}

/** After a restart: every dependent that is still wanted online comes back, bottom-up. */
export async function restartWithDependents(c: ClusterCore, r: ClusterResource): Promise<void> {
  const g = r.group;
  await bringOnline(c, r);
  for (const name of dependentsOf(r.name, g.names, g.dependencies).reverse()) {
    const d = c.resource(name);
    if (d.wantOnline) await bringOnline(c, d);
  }
}

/** Takes the dependents of a failed resource offline (top-down), keeping them wanted online. */
export async function offlineDependents(c: ClusterCore, r: ClusterResource): Promise<void> {
  const g = r.group;
  for (const name of dependentsOf(r.name, g.names, g.dependencies)) {
    const d = c.resource(name);
    if (ACTIVE.has(d.state)) await bringOffline(c, d).catch(() => undefined);
  }
}

export interface MoveOptions {
  kind: 'move' | 'failover';
  why: string;
  /** The old node is gone: nothing to take offline or close there. */
  nodeLost?: boolean;
}

/**
 * Moves a group: offline top-down on the old node (PendingTimeout then Terminate is the
 * monitor's), close there, open on the new node, then online bottom-up what was wanted online.
 */
export async function moveGroup(
  c: ClusterCore,
  g: ClusterGroup,
  to: string,
  o: MoveOptions,
): Promise<void> {
  const from = g.node;
  g.moving = true;
  try {
    for (const r of g.resources) r.recovery.cancel();
    if (!o.nodeLost) {
      for (const name of offlineOrder(g.names, g.dependencies)) {
        const r = c.resource(name);
        if (ACTIVE.has(r.state)) await bringOffline(c, r).catch(() => undefined);
      }
      for (const r of g.resources) {
        const m = r.node ? c.node(r.node).existing(r.monitorKey) : undefined;
        if (m) await r.queue.run(() => m.call(r.name, 'close')).catch(() => undefined);
      }
    }
    for (const r of g.resources) {
      r.node = null;
      if (o.nodeLost) r.terminateReturned(); // its monitor died with the node
      setState(c, r, 'Offline', o.nodeLost ? `node ${from} was lost` : `moving to ${to}`);
      r.recovery.tracker.reset();
    }
    g.node = to;
    for (const r of g.resources)
      await c
        .open(r)
        .catch((e: Error) => c.note('ERR', 'RCM', r.name, `cannot open on ${to}: ${e.message}`));
  } finally {
    g.moving = false;
  }
  c.emit(
    o.kind === 'failover'
      ? { kind: 'failover', group: g.name, from, to, why: o.why }
      : { kind: 'move', group: g.name, from, to },
  );
  c.note(
    'INFO',
    'RCM',
    g.name,
    `group ${o.kind === 'failover' ? 'failed over' : 'moved'} from ${from ?? '(none)'} to ${to}: ${o.why}`,
  );
  for (const name of onlineOrder(g.names, g.dependencies)) {
    const r = c.resource(name);
    if (r.wantOnline) await bringOnline(c, r).catch(() => undefined);
  }
}

/** A state the cluster decides itself (node loss, monitor restart), reported like any other. */
export function setState(c: ClusterCore, r: ClusterResource, to: string, why: string): void {
  if (r.state === to) return;
  const from = r.state;
  r.state = to;
  r.lastWhy = why;
  r.pendingSince = to.endsWith('Pending') ? c.clock.now() : undefined;
  c.emit({ kind: 'state', resource: r.name, group: r.group.name, node: r.node, from, to, why });
  c.note('INFO', 'RCM', r.name, `TransitionToState ${from}-->${to} (${why}).`);
}
