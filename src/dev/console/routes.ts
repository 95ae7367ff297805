/**
 * The console's HTTP API: one table of routes over the page model. Reads are GET, changes are
 * POST with a JSON body; every answer is JSON, errors included (with the Win32 status).
 */
import { ClusterError } from '../cluster/errors.js';
import { statusOfError } from '../cluster/win32-errors.js';
import type { WireParameter } from '../cluster/admin-values.js';
import { runAction } from './actions.js';
import { clusterPage } from './model/cluster-page.js';
import { setPropertiesCommands } from './model/powershell.js';
import { propertiesPage, setProperties } from './model/properties-page.js';
import {
  resourceDetail,
  resourceLogs,
  resourceSeries,
  type PageContext,
} from './model/resource-page.js';
import { timelinePage } from './model/timeline-page.js';
import type { StreamHub } from './stream.js';

export interface RouteInput {
  /** Decoded path parameter (a resource name), when the route has one. */
  name: string;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (x: PageContext, hub: StreamHub, i: RouteInput) => unknown;

const RES = '/api/resources/([^/]+)';

export const ROUTES: [method: 'GET' | 'POST', path: RegExp, handler: Handler][] = [
  ['GET', /^\/api\/cluster$/, (x) => clusterPage(x.cluster, x.type)],
  ['GET', /^\/api\/timeline$/, (x) => timelinePage(x.cluster, x.history)],
  ['GET', new RegExp(`^${RES}$`), (x, _h, i) => resourceDetail(x, i.name)],
  ['GET', new RegExp(`^${RES}/series$`), (x, _h, i) => resourceSeries(x, i.name)],
  [
    'GET',
    new RegExp(`^${RES}/events$`),
    (x, _h, i) => resourceLogs(x, i.name, i.query.get('level') ?? undefined),
  ],
  ['GET', new RegExp(`^${RES}/properties$`), (x, _h, i) => propertiesPage(x, i.name)],
  [
    'GET',
    new RegExp(`^${RES}/powershell$`),
    (x, _h, i) =>
      setPropertiesCommands(
        x.type,
        x.schema,
        x.cluster.resource(i.name).name,
        previewParameters(i.query.get('parameters')),
      ),
  ],
  [
    'POST',
    new RegExp(`^${RES}/properties$`),
    async (x, hub, i) => {
      const result = await setProperties(x, i.name, i.body);
      hub.propertiesChanged(x.cluster.resource(i.name).name);
      return result;
    },
  ],
  ['POST', /^\/api\/actions$/, (x, _h, i) => runAction(x, i.body)],
];

function previewParameters(text: string | null): WireParameter[] {
  let list: unknown;
  try {
    list = JSON.parse(text ?? '[]');
  } catch {
    list = undefined;
  }
  const ok =
    Array.isArray(list) &&
    list.every((p) => p && typeof p.name === 'string' && typeof p.type === 'string');
  if (!ok)
    throw new ClusterError('BAD_SETTING', 'parameters must be a JSON array of {name, type, value}');
  return list as WireParameter[];
}

const STATUS: Partial<Record<string, number>> = {
  BAD_SETTING: 400,
  UNKNOWN_RESOURCE: 404,
  UNKNOWN_GROUP: 404,
  UNKNOWN_NODE: 404,
};

/** The HTTP status and JSON body of an error thrown by a route. */
export function errorAnswer(e: unknown): { status: number; body: Record<string, unknown> } {
  const s = statusOfError(e);
  const code = e instanceof ClusterError ? e.code : undefined;
  return {
    status: (code && STATUS[code]) ?? (e instanceof ClusterError ? 409 : 500),
    body: {
      ok: false,
      error: (e as Error).message,
      win32: s.code,
      win32Name: s.name,
      win32Message: s.message,
    },
  };
}
