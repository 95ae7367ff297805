/** The cluster page: nodes, groups with their owner node, resources with their state. */
import type { LocalCluster } from '../../cluster/cluster.js';
import { groupView, nodeView } from '../../cluster/cluster-admin.js';
import { clusterCommands } from './powershell.js';
import type { ClusterView, TypeInfo } from './types.js';

export function clusterPage(c: LocalCluster, type: TypeInfo): ClusterView {
  return {
    type,
    timeScale: c.timeScale,
    nodes: [...c.nodes.values()].map((n) => ({
      name: n.name,
      state: nodeView(c, n.name).state as 'Up' | 'Down',
      monitors: n.monitorList.filter((m) => m.alive).length,
    })),
    groups: [...c.groups.values()].map(groupView),
    resources: [...c.resources.values()].map((r) => ({
      name: r.name,
      group: r.group.name,
      ownerNode: r.node ?? r.group.node,
      state: r.state,
      restarts: r.restartCount,
      why: r.lastWhy,
    })),
    powershell: clusterCommands(type),
  };
}
