/**
 * `clusterkit run --inspect [Resource]`: that resource runs in a monitor of its own whose
 * library starts the handler host with the Node inspector on 127.0.0.1 (CLUSTERKIT_INSPECT,
 * docs/debugging.md). The host prints its inspector URL on stderr, which the library forwards
 * to the cluster log; this turns it into an `inspector` event and a line saying how to attach.
 */
import { isStandIn } from '../cluster/run-plan.js';
import type { LocalCluster } from '../cluster/cluster.js';
import type { ClusterEvent } from '../cluster/events.js';
import type { RunPlan } from '../cluster/run-config.js';
import type { Schema } from '../../bundle/sdk/schema.js';
import { UsageError } from './command.js';

export interface InspectChoice {
  resource: string;
  port: number;
}

/** The resource to inspect (the plan's first of the type when none is named) and its port. */
export function chooseInspected(
  plan: RunPlan,
  schema: Schema,
  named: string,
  port: string | undefined,
): InspectChoice {
  const ofType = plan.resources.filter((r) => !isStandIn(r, schema));
  const where = 'clusterkit run: --inspect';
  if (ofType.length === 0)
    throw new UsageError(`${where}: there is no resource of ${schema.type} to inspect`);
  const r =
    named === '' ? ofType[0] : ofType.find((x) => x.name.toLowerCase() === named.toLowerCase());
  if (!r)
    throw new UsageError(
      `${where} ${named}: no such resource of ${schema.type}; resources are ${ofType.map((x) => x.name).join(', ')}`,
    );
  const p = port ?? '9229';
  if (!/^\d+$/.test(p) || Number(p) > 65535)
    throw new UsageError(
      `clusterkit run: --inspect-port ${p} must be a TCP port from 0 (any free one) to 65535, e.g. 9229`,
    );
  // Its own monitor, so only its handler host gets the inspector.
  r.policy = { ...r.policy, separateMonitor: true };
  return { resource: r.name, port: Number(p) };
}

/** Follows the cluster log for the inspector's URL; calls `found` with each one. */
export function watchInspector(
  c: LocalCluster,
  choice: InspectChoice,
  found: (url: string) => void,
): () => void {
  const onEvent = (e: ClusterEvent) => {
    if (e.kind !== 'log') return;
    const m = /Debugger listening on (ws:\/\/127\.0\.0\.1:(\d+)\/[\w-]+)/.exec(e.line);
    if (!m) return;
    const url = m[1];
    c.emit({ kind: 'inspector', resource: choice.resource, url });
    c.note(
      'WARN',
      'RCM',
      choice.resource,
      `the handler host listens for a debugger at ${url}: attach Chrome (chrome://inspect) or VS Code ("Attach", 127.0.0.1:${m[2]}); breakpoints go in the TypeScript source (source maps). A paused host misses its deadlines: docs/debugging.md`,
    );
    found(url);
  };
  c.events.on('event', onEvent);
  return () => void c.events.off('event', onEvent);
}
