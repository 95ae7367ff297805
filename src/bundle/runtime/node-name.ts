/**
 * ctx.node: the cluster node this host serves. `CLUSTERKIT_NODE_NAME` when set (the local
 * cluster of `clusterkit run` sets it per simulated node, whose processes share one hostname;
 * the OCF transport sets it from Pacemaker's node name), else the Windows computer name
 * (what failover cluster node names are), else the host name (Pacemaker's default node name).
 */
import { hostname } from 'node:os';

export const NODE_NAME_VARIABLE = 'CLUSTERKIT_NODE_NAME';

export function nodeName(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[NODE_NAME_VARIABLE];
  if (given) return given;
  if (process.platform === 'win32' && env.COMPUTERNAME) return env.COMPUTERNAME;
  return hostname();
}
