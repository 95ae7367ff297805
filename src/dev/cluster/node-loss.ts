import type { ClusterCore } from './cluster-core.js';
import { nextNode } from './failover-policy.js';
import { moveGroup, setState } from './operations.js';
import { waitReaped } from './process-tree.js';

/** How long a lost node's killed processes get to be reaped (by init) before failover goes on. */
const REAP_MS = 10_000;

/** A node is lost: its monitors die with everything they started, its groups move elsewhere. */
export async function loseNode(c: ClusterCore, name: string): Promise<void> {
  const node = c.node(name);
  if (!node.up) return;
  node.up = false;
  c.emit({ kind: 'node', node: node.name, up: false, why: 'lost' });
  c.note('ERR', 'NODE', node.name, `node ${node.name} was lost; its groups fail over`);
  const groups = [...c.groups.values()].filter((g) => g.node === node.name);
  for (const g of groups) for (const r of g.resources) r.recovery.cancel();
  // Its processes are gone, not merely killed, before anything of it comes online elsewhere.
  const killed = node.killAll('node lost');
  const left = await waitReaped(killed, REAP_MS);
  if (left.length > 0)
    c.note(
      'WARN',
      'NODE',
      node.name,
      `processes ${left.join(', ')} of the lost node were killed but not reaped within ${REAP_MS} ms (zombies); its groups fail over anyway`,
    );
  for (const g of groups) {
    const to = nextNode({
      nodes: [...c.nodes.keys()],
      up: c.upNodes(),
      preferredOwners: g.preferredOwners,
      current: node.name,
    });
    if (to) {
      await moveGroup(c, g, to, {
        kind: 'failover',
        why: `node ${node.name} was lost`,
        nodeLost: true,
      });
      continue;
    }
    g.node = null;
    for (const r of g.resources) {
      r.node = null;
      setState(c, r, 'Offline', `node ${node.name} was lost and no other node is up`);
    }
    c.emit({
      kind: 'failover',
      group: g.name,
      from: node.name,
      to: null,
      why: 'no other node is up',
    });
  }
}

/** A lost node comes back; groups that had nowhere to go are placed on it. */
export async function restoreNode(c: ClusterCore, name: string): Promise<void> {
  const node = c.node(name);
  if (node.up) return;
  node.up = true;
  c.emit({ kind: 'node', node: node.name, up: true, why: 'restored' });
  c.note('INFO', 'NODE', node.name, `node ${node.name} is up`);
  for (const g of c.groups.values()) {
    if (g.node === null)
      await moveGroup(c, g, node.name, {
        kind: 'move',
        why: `node ${node.name} came up`,
        nodeLost: true,
      });
  }
}
