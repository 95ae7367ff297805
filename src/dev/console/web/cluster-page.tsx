/** The cluster page: nodes (up or lost), groups with their owner node, resources with state. */
import type { ClusterView } from '../model/types.js';
import { PowerShell, StateBadge } from './common.js';
import { href } from './router.js';

export function ClusterPage({ cluster }: { cluster: ClusterView | null }) {
  if (!cluster) return <p>Loading the cluster…</p>;
  return (
    <div class="cluster-page">
      <h1>
        Cluster <span class="sub">{cluster.type.displayName}</span>
      </h1>
      <section aria-labelledby="nodes-h">
        <h2 id="nodes-h">Nodes</h2>
        <table class="nodes">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">State</th>
              <th scope="col">RHS monitors</th>
            </tr>
          </thead>
          <tbody>
            {cluster.nodes.map((n) => (
              <tr data-node={n.name} data-node-state={n.state}>
                <th scope="row">{n.name}</th>
                <td>
                  <span class={`node-state node-${n.state}`}>
                    {n.state === 'Up' ? 'Up' : 'Down (lost)'}
                  </span>
                </td>
                <td>{n.monitors}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="groups-h">
        <h2 id="groups-h">Groups</h2>
        <table class="groups">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Owner node</th>
              <th scope="col">State</th>
              <th scope="col">Resources</th>
            </tr>
          </thead>
          <tbody>
            {cluster.groups.map((g) => (
              <tr data-group={g.name} data-owner={g.ownerNode ?? ''}>
                <th scope="row">{g.name}</th>
                <td>{g.ownerNode ?? '(none)'}</td>
                <td>{g.state}</td>
                <td>{g.resources.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="resources-h">
        <h2 id="resources-h">Resources</h2>
        <table class="resources">
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Group</th>
              <th scope="col">Owner node</th>
              <th scope="col">State</th>
              <th scope="col">Restarts</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {cluster.resources.map((r) => (
              <tr data-resource={r.name} data-state={r.state}>
                <th scope="row">
                  <a href={href({ page: 'resource', resource: r.name, tab: 'detail' })}>{r.name}</a>
                </th>
                <td>{r.group}</td>
                <td>{r.ownerNode ?? '(none)'}</td>
                <td>
                  <StateBadge state={r.state} />
                </td>
                <td>{r.restarts}</td>
                <td class="why">{r.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <PowerShell commands={cluster.powershell} />
    </div>
  );
}
