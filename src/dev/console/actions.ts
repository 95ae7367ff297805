/**
 * The Actions tab's requests, run by the cluster's own administrator operations: online,
 * offline and move through the object commands of `clusterkit run --json` (json-requests.ts),
 * faults and node loss through `cluster.faults`. Every answer names its Win32 status.
 */
import { runJsonRequest } from '../cluster/json-requests.js';
import { ClusterError } from '../cluster/errors.js';
import { statusOfError } from '../cluster/win32-errors.js';
import type { PageContext } from './model/resource-page.js';
import type { ActionId, ActionRequest, ActionResult } from './model/types.js';

const NEEDS_NODE: ReadonlySet<ActionId> = new Set(['move', 'lose-node', 'restore-node']);
const ACTIONS: readonly ActionId[] = [
  'online',
  'offline',
  'move',
  'fail',
  'kill-app',
  'kill-host',
  'hang-host',
  'lose-node',
  'restore-node',
];

const bad = (msg: string) => new ClusterError('BAD_SETTING', msg);

/** Checks the request body: a known action, a resource, and a node where the action needs one. */
export function checkAction(body: unknown): ActionRequest {
  const o = (body ?? {}) as Record<string, unknown>;
  if (typeof o.action !== 'string' || !ACTIONS.includes(o.action as ActionId))
    throw bad(`"action" must be one of ${ACTIONS.join(', ')}`);
  if (typeof o.resource !== 'string' || o.resource === '')
    throw bad('"resource" must name a resource');
  const action = o.action as ActionId;
  if (NEEDS_NODE.has(action) && (typeof o.node !== 'string' || o.node === ''))
    throw bad(`"${action}" needs "node"`);
  return {
    action,
    resource: o.resource,
    ...(NEEDS_NODE.has(action) ? { node: o.node as string } : {}),
  };
}

async function objectCommand(x: PageContext, req: Record<string, unknown>): Promise<ActionResult> {
  const a = await runJsonRequest(x.cluster, JSON.stringify(req));
  const { id: _id, command: _command, ...rest } = a;
  return rest as unknown as ActionResult;
}

async function perform(x: PageContext, req: ActionRequest): Promise<unknown> {
  const c = x.cluster;
  const name = c.resource(req.resource).name;
  switch (req.action) {
    case 'kill-app':
      return { pids: await c.faults.killApp(name) };
    case 'kill-host':
      return { pids: await c.faults.killHost(name) };
    case 'hang-host':
      return { pids: await c.faults.hangHost(name) };
    case 'fail':
      return c.fail(name);
    case 'lose-node':
      return c.faults.loseNode(req.node!);
    case 'restore-node':
      return c.restoreNode(req.node!);
    default:
      throw bad(`unexpected action ${req.action}`);
  }
}

/**
 * A malformed request throws (the route answers 400); an action the cluster refuses resolves
 * with ok: false and its Win32 status, as the object commands of `clusterkit run --json` do.
 */
export async function runAction(x: PageContext, body: unknown): Promise<ActionResult> {
  const req = checkAction(body);
  try {
    const name = x.cluster.resource(req.resource).name;
    switch (req.action) {
      case 'online':
        return await objectCommand(x, { command: 'online-resource', name });
      case 'offline':
        return await objectCommand(x, { command: 'offline-resource', name });
      case 'move': {
        const group = x.cluster.resource(name).group.name;
        return await objectCommand(x, { command: 'move-group', name: group, node: req.node });
      }
      default:
        return { ok: true, result: (await perform(x, req)) ?? null };
    }
  } catch (e) {
    const s = statusOfError(e);
    return {
      ok: false,
      error: (e as Error).message,
      win32: s.code,
      win32Name: s.name,
      win32Message: s.message,
    };
  }
}
