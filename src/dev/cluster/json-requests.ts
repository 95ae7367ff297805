/**
 * The object commands of the `--json` session: one JSON object per stdin line, e.g.
 * {"id":1,"command":"set-parameters","resource":"E1","parameters":[{"name":"Port","type":"UInt32","value":7001}]}.
 * They carry names with spaces and typed values, which the one-word commands cannot. Each
 * answer is a {"kind":"command","id":...} event; a refusal names its Win32 status.
 */
import type { LocalCluster } from './cluster.js';
import {
  getParameterFormats,
  getParameters,
  groupView,
  nodeView,
  resourceView,
  setParameters,
  typeView,
} from './cluster-admin.js';
import { ClusterError } from './errors.js';
import { runSessionCommand, SESSION_COMMANDS } from './session.js';
import { statusOfError } from './win32-errors.js';

type Request = Record<string, unknown>;

const bad = (msg: string) => new ClusterError('BAD_SETTING', msg);

function text(req: Request, key: string, optional = false): string | undefined {
  const v = req[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v === '')
    throw bad(`"${String(req.command)}" needs "${key}" (a non-empty string)`);
  return v;
}

const need = (req: Request, key: string) => text(req, key)!;

const HANDLERS: Record<string, (c: LocalCluster, req: Request) => Promise<unknown> | unknown> = {
  'get-nodes': (c) => [...c.nodes.keys()].map((n) => nodeView(c, n)),
  'get-groups': (c) => [...c.groups.values()].map(groupView),
  'get-resources': (c) => [...c.resources.values()].map((r) => resourceView(c, r)),
  'get-types': (c) => c.types.list().map((t) => typeView(c, t)),
  'add-type': (c, req) =>
    typeView(
      c,
      c.types.add({
        name: need(req, 'name'),
        dllName: need(req, 'dll'),
        displayName: text(req, 'displayName', true) ?? need(req, 'name'),
      }),
    ),
  'remove-type': (c, req) => {
    // Every resource of a local cluster but the stand-ins is of its one type.
    c.types.remove(
      need(req, 'name'),
      [...c.resources.values()].filter((r) => r.standInType === undefined).map((r) => r.name),
    );
    return null;
  },
  'add-resource': async (c, req) => {
    // A built-in type (e.g. "Physical Disk") is a stand-in the cluster plays itself.
    const standIn = c.types.standIn(need(req, 'type'));
    if (standIn === undefined) c.types.require(need(req, 'type'));
    const group = text(req, 'group', true);
    if (group !== undefined) c.group(group);
    const r = await c.addResource(need(req, 'name'), {
      ...(standIn !== undefined ? { type: standIn } : {}),
      ...(group !== undefined ? { group } : {}),
      ...(req.separateMonitor === true ? { policy: { separateMonitor: true } } : {}),
    });
    return resourceView(c, r);
  },
  'add-dependency': (c, req) => {
    c.addDependency(need(req, 'resource'), need(req, 'provider'));
    return resourceView(c, c.resource(need(req, 'resource')));
  },
  'remove-resource': async (c, req) => {
    await c.removeResource(need(req, 'name'));
    return null;
  },
  'online-resource': async (c, req) => {
    await c.online(need(req, 'name'));
    return resourceView(c, c.resource(need(req, 'name')));
  },
  'offline-resource': async (c, req) => {
    await c.offline(need(req, 'name'));
    return resourceView(c, c.resource(need(req, 'name')));
  },
  'move-group': async (c, req) => {
    await c.move(need(req, 'name'), text(req, 'node', true));
    return groupView(c.group(need(req, 'name')));
  },
  'get-parameters': (c, req) => getParameters(c, need(req, 'resource')),
  'get-parameter-formats': (c, req) => getParameterFormats(c, need(req, 'resource')),
  'set-parameters': (c, req) => setParameters(c, need(req, 'resource'), req.parameters),
};

/** The object commands, for error messages and docs. */
export const OBJECT_COMMANDS = Object.keys(HANDLERS);

/** Parses one object line and runs it; always resolves with the answer event's fields. */
export async function runJsonRequest(
  c: LocalCluster,
  line: string,
): Promise<Record<string, unknown>> {
  let req: Request;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not a JSON object');
    req = parsed as Request;
  } catch (e) {
    return failure(undefined, '', bad(`cannot read the command line: ${(e as Error).message}`));
  }
  const command = typeof req.command === 'string' ? req.command : '';
  try {
    const handler = HANDLERS[command];
    if (handler) return { id: req.id, command, ok: true, result: await handler(c, req) };
    if ((SESSION_COMMANDS as readonly string[]).includes(command) && command !== 'quit') {
      const args = Array.isArray(req.args) ? req.args.map(String) : [];
      if (args.some((a) => /\s/.test(a) || a === ''))
        throw bad(`"${command}" takes names without spaces; use the object commands for others`);
      const result = await runSessionCommand(c, [command, ...args].join(' '));
      return { id: req.id, command, ok: true, result };
    }
    throw bad(
      `unknown command "${command}"; object commands are ${OBJECT_COMMANDS.join(', ')}, plus ${SESSION_COMMANDS.join(', ')}`,
    );
  } catch (e) {
    return failure(req.id, command, e);
  }
}

function failure(id: unknown, command: string, e: unknown): Record<string, unknown> {
  const s = statusOfError(e);
  return {
    id,
    command,
    ok: false,
    error: (e as Error).message,
    win32: s.code,
    win32Name: s.name,
    win32Message: s.message,
  };
}
