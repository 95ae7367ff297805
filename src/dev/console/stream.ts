/**
 * The live stream (server-sent events). A page subscribes to one view: the cluster page, a
 * resource, or the timeline. On connecting it gets that view whole, computed at that moment,
 * then every change after it, in order, so it never has to poll or reconcile.
 */
import type { ServerResponse } from 'node:http';
import type { ClusterHistory, HistoryRecord } from './history.js';
import { clusterPage } from './model/cluster-page.js';
import {
  resourceDetail,
  resourceLogs,
  resourceSeries,
  type PageContext,
} from './model/resource-page.js';
import { timelinePage } from './model/timeline-page.js';
import type { StreamMessages } from './model/types.js';

export type StreamView =
  { view: 'cluster' } | { view: 'timeline' } | { view: 'resource'; resource: string };

interface Client {
  res: ServerResponse;
  view: StreamView;
}

const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/** How long changes are gathered before the cluster view (and a resource detail) is resent. */
const COALESCE_MS = 50;

export class StreamHub {
  private readonly clients = new Set<Client>();
  private clusterDue: NodeJS.Timeout | undefined;
  private readonly detailDue = new Set<string>();
  private readonly onRecord = (r: HistoryRecord) => this.dispatch(r);

  constructor(
    private readonly x: PageContext,
    private readonly history: ClusterHistory,
  ) {
    history.on('record', this.onRecord);
  }

  /** Starts an event stream on `res` and sends the view's first state. */
  open(res: ServerResponse, view: StreamView): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const client: Client = { res, view };
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
    res.write('retry: 1000\n\n');
    this.send(client, 'cluster', clusterPage(this.x.cluster, this.x.type));
    if (view.view === 'timeline')
      this.send(client, 'timeline', timelinePage(this.x.cluster, this.history));
    if (view.view === 'resource') {
      this.send(client, 'detail', resourceDetail(this.x, view.resource));
      this.send(client, 'series', resourceSeries(this.x, view.resource));
      this.send(client, 'logs', resourceLogs(this.x, view.resource));
    }
  }

  /** Tells the pages showing `resource` that its properties changed. */
  propertiesChanged(resource: string): void {
    for (const c of this.clients)
      if (c.view.view === 'resource' && same(c.view.resource, resource))
        this.send(c, 'properties', { resource });
  }

  close(): void {
    this.history.off('record', this.onRecord);
    if (this.clusterDue) clearTimeout(this.clusterDue);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private dispatch(r: HistoryRecord): void {
    if (this.clients.size === 0) return;
    switch (r.type) {
      case 'changed':
        return this.scheduleViews(r.resource);
      case 'transition':
        for (const c of this.clients)
          if (
            c.view.view === 'timeline' ||
            (c.view.view === 'resource' && same(c.view.resource, r.value.resource))
          )
            this.send(c, 'transition', r.value);
        return;
      case 'mark':
        for (const c of this.clients) if (c.view.view === 'timeline') this.send(c, 'mark', r.value);
        return;
      case 'health':
      case 'log':
        for (const c of this.clients)
          if (c.view.view === 'resource' && same(r.value.resource, c.view.resource))
            this.send(c, r.type, r.value as never);
        return;
    }
  }

  /** The cluster view and the details of `resource` (all of them when undefined), coalesced. */
  private scheduleViews(resource: string | undefined): void {
    this.detailDue.add(resource?.toLowerCase() ?? '*');
    if (this.clusterDue) return;
    this.clusterDue = setTimeout(() => {
      this.clusterDue = undefined;
      const due = new Set(this.detailDue);
      this.detailDue.clear();
      const cluster = clusterPage(this.x.cluster, this.x.type);
      for (const c of this.clients) {
        this.send(c, 'cluster', cluster);
        if (c.view.view !== 'resource') continue;
        if (!due.has('*') && !due.has(c.view.resource.toLowerCase())) continue;
        this.trySend(c, 'detail', () =>
          resourceDetail(this.x, (c.view as { resource: string }).resource),
        );
      }
    }, COALESCE_MS);
  }

  private trySend<K extends keyof StreamMessages>(
    c: Client,
    event: K,
    make: () => StreamMessages[K],
  ): void {
    try {
      this.send(c, event, make());
    } catch {
      // The resource was removed: the page learns it from the cluster view.
    }
  }

  private send<K extends keyof StreamMessages>(c: Client, event: K, data: StreamMessages[K]): void {
    // JSON.stringify never emits a raw line break, so the data is one SSE line.
    c.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
