/**
 * The web console of a local cluster (`clusterkit run --web`): a node:http server on
 * 127.0.0.1 serving the built front end, the page model as JSON and a live event stream.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Schema } from '../../bundle/sdk/schema.js';
import type { LocalCluster } from '../cluster/cluster.js';
import { ClusterError } from '../cluster/errors.js';
import { loadAssets, type Asset } from './assets.js';
import { ClusterHistory } from './history.js';
import type { PageContext } from './model/resource-page.js';
import { errorAnswer, ROUTES } from './routes.js';
import { newToken, refusal, SECURITY_HEADERS } from './security.js';
import { StreamHub, type StreamView } from './stream.js';

export interface ConsoleOptions {
  cluster: LocalCluster;
  /** The type's full schema (buildType's result): the Properties form is generated from it. */
  schema: Schema;
  /** The type id of file and cmdlet names (buildType's typeId). */
  typeId: string;
  /** TCP port; 0 or absent: a free one. */
  port?: number;
}

export interface WebConsole {
  /** http://127.0.0.1:<port>/?token=<token> */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 256 * 1024;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value ?? null));
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ClusterError('BAD_SETTING', `the request body is over ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch {
        reject(new ClusterError('BAD_SETTING', 'the request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function streamView(x: PageContext, q: URLSearchParams): StreamView {
  const view = q.get('view') ?? 'cluster';
  if (view === 'timeline') return { view };
  if (view === 'resource')
    return { view, resource: x.cluster.resource(q.get('resource') ?? '').name };
  if (view === 'cluster') return { view };
  throw new ClusterError('BAD_SETTING', 'view must be cluster, resource or timeline');
}

async function handle(
  x: PageContext,
  hub: StreamHub,
  assets: Map<string, Asset>,
  token: string,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const api = url.pathname.startsWith('/api/');
  const refused = refusal(req, url, port, token, api);
  if (refused) return sendJson(res, refused.status, { ok: false, error: refused.why });
  if (!api) {
    const asset = assets.get(url.pathname);
    if (!asset) return sendJson(res, 404, { ok: false, error: `no page ${url.pathname}` });
    return send(res, 200, asset.type, asset.body);
  }
  try {
    if (url.pathname === '/api/stream' && req.method === 'GET')
      return hub.open(res, streamView(x, url.searchParams));
    const matches = ROUTES.flatMap(([method, path, handler]) => {
      const m = path.exec(url.pathname);
      return m ? [{ method, m, handler }] : [];
    });
    const route = matches.find((r) => r.method === req.method);
    if (matches.length === 0)
      return sendJson(res, 404, { ok: false, error: `no API ${url.pathname}` });
    if (!route)
      return sendJson(res, 405, {
        ok: false,
        error: `${url.pathname} takes ${matches.map((r) => r.method).join(' or ')}`,
      });
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const name = route.m[1] !== undefined ? decodeURIComponent(route.m[1]) : '';
    sendJson(res, 200, await route.handler(x, hub, { name, query: url.searchParams, body }));
  } catch (e) {
    const a = errorAnswer(
      e instanceof URIError
        ? new ClusterError(
            'BAD_SETTING',
            'the resource name in the path is not valid percent-encoding',
          )
        : e,
    );
    if (!res.headersSent) sendJson(res, a.status, a.body);
    else res.end();
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE' || e.code === 'EACCES'
          ? new ClusterError(
              'BAD_SETTING',
              `cannot listen on 127.0.0.1:${port} (${e.code}); choose another --port, or leave it out for a free one`,
            )
          : e,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts the console; call it before resources are created so the history sees everything. */
export async function startConsole(o: ConsoleOptions): Promise<WebConsole> {
  const assets = loadAssets();
  const token = newToken();
  const history = new ClusterHistory(o.cluster);
  const x: PageContext = {
    cluster: o.cluster,
    history,
    schema: o.schema,
    type: {
      name: o.schema.type,
      displayName: o.schema.displayName,
      typeId: o.typeId,
      version: o.schema.version,
    },
  };
  const hub = new StreamHub(x, history);
  let port = 0;
  const server = createServer((req, res) => {
    handle(x, hub, assets, token, port, req, res).catch(() => res.destroy());
  });
  try {
    port = await listen(server, o.port ?? 0);
  } catch (e) {
    history.close();
    hub.close();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      hub.close();
      history.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
