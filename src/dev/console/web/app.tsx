/** The console's frame: header with navigation and the live-stream state, then the page. */
import { useEffect, useState } from 'preact/hooks';
import type { ClusterView } from '../model/types.js';
import { ClusterPage } from './cluster-page.js';
import { useStream, type Connection } from './live.js';
import { ResourcePage } from './resource-page.js';
import { href, useRoute } from './router.js';
import { TimelinePage } from './timeline-page.js';

/** The cluster page has its own stream; the other pages report theirs. */
function ClusterStream(props: {
  onCluster: (c: ClusterView) => void;
  onConnection: (c: Connection) => void;
  cluster: ClusterView | null;
}) {
  const connection = useStream('cluster', undefined, { cluster: props.onCluster });
  useEffect(() => props.onConnection(connection), [connection]);
  return <ClusterPage cluster={props.cluster} />;
}

export function App() {
  const route = useRoute();
  const [cluster, setCluster] = useState<ClusterView | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const page = route.page;
  return (
    <>
      <header>
        <a class="brand" href="#/">
          clusterkit
        </a>
        <span class="type">
          {cluster ? `${cluster.type.displayName} (${cluster.type.name})` : ''}
        </span>
        <nav aria-label="Pages">
          <a
            href={href({ page: 'cluster' })}
            aria-current={page === 'cluster' ? 'page' : undefined}
          >
            Cluster
          </a>
          <a
            href={href({ page: 'timeline' })}
            aria-current={page === 'timeline' ? 'page' : undefined}
          >
            Timeline
          </a>
        </nav>
        <span class={`connection ${connection}`} role="status" data-connection={connection}>
          {connection === 'live'
            ? 'live'
            : connection === 'connecting'
              ? 'connecting…'
              : 'reconnecting…'}
        </span>
      </header>
      <main>
        {route.page === 'cluster' && (
          <ClusterStream cluster={cluster} onCluster={setCluster} onConnection={setConnection} />
        )}
        {route.page === 'timeline' && (
          <TimelinePage onCluster={setCluster} onConnection={setConnection} />
        )}
        {route.page === 'resource' && (
          <ResourcePage
            key={route.resource}
            resource={route.resource}
            tab={route.tab}
            onCluster={setCluster}
            onConnection={setConnection}
          />
        )}
      </main>
    </>
  );
}
