/**
 * The Properties tab: each schema property with its stored value, read through the real
 * library (GET_PRIVATE_PROPERTIES, GET_RO_PRIVATE_PROPERTIES, GET_PRIVATE_PROPERTY_FMTS),
 * and a change sent through it (SET_PRIVATE_PROPERTIES) with the library's answer.
 */
import { adminParams } from '../../../../generator/index.js';
import { TYPE_KIND, type WireParameter } from '../../cluster/admin-values.js';
import { getParameterFormats, getParameters, setParameters } from '../../cluster/cluster-admin.js';
import { ClusterError } from '../../cluster/errors.js';
import type { PageContext } from './resource-page.js';
import { getPropertiesCommands, setPropertiesCommands } from './powershell.js';
import { setResult, waitingOf } from './set-result.js';
import type { PropertiesView, SetPropertiesResult } from './types.js';

const ERROR_RESOURCE_PROPERTIES_STORED = 5024;

export async function propertiesPage(x: PageContext, name: string): Promise<PropertiesView> {
  const r = x.cluster.resource(name);
  // One control call after the other: each may open the resource in its monitor first.
  const values = await getParameters(x.cluster, r.name);
  const formats = await getParameterFormats(x.cluster, r.name);
  const lower = (s: string) => s.toLowerCase();
  const valueOf = new Map(values.map((v) => [lower(v.name), v]));
  const typeOf = new Map(formats.map((f) => [lower(f.name), f.type]));
  const params = new Map(adminParams(x.schema.properties).map((p) => [lower(p.prop.name), p]));
  const pending = x.history.pendingRestartOf(r.name);
  const declared = new Set(x.schema.properties.map((p) => lower(p.name)));
  return {
    type: x.type,
    resource: r.name,
    state: r.state,
    fields: x.schema.properties.map((p) => ({
      schema: p,
      parameterType: typeOf.get(lower(p.name)) ?? '',
      value: valueOf.get(lower(p.name))?.value ?? null,
      ...(p.readOnly ? {} : { cmdletParameter: params.get(lower(p.name))!.param }),
      pendingRestart: pending.has(lower(p.name)),
    })),
    unknown: values
      .filter((v) => !declared.has(lower(v.name)))
      .map((v) => ({ name: v.name, type: v.type, value: v.value })),
    parameterTypes: { ...TYPE_KIND },
    powershell: getPropertiesCommands(x.type, r.name),
  };
}

function checkParameters(body: unknown): WireParameter[] {
  const list = (body as { parameters?: unknown } | null)?.parameters;
  if (!Array.isArray(list) || list.length === 0)
    throw new ClusterError(
      'BAD_SETTING',
      'send {"parameters": [{"name", "type", "value"}, ...]} with at least one parameter',
    );
  return list as WireParameter[];
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * SET_PRIVATE_PROPERTIES through the library. Changes run one at a time: the library's reason
 * is collected from its log lines while the call runs, so two at once would mix reasons.
 */
export function setProperties(
  x: PageContext,
  name: string,
  body: unknown,
): Promise<SetPropertiesResult> {
  const run = async () => {
    const r = x.cluster.resource(name);
    const params = checkParameters(body);
    const answer = await setParameters(x.cluster, r.name, params);
    const names = params.map((p) => String(p.name));
    const live = (n: string) =>
      x.schema.properties.some((p) => p.live && p.name.toLowerCase() === n.toLowerCase());
    if (answer.code === ERROR_RESOURCE_PROPERTIES_STORED)
      x.history.markStoredWhileOnline(r.name, waitingOf(names, live));
    return setResult(answer, names, setPropertiesCommands(x.type, x.schema, r.name, params), live);
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
