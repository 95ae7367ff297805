/** OPEN, CLOSE, ONLINE, OFFLINE, TERMINATE, CANCEL. */
import { decodeOnlyStr, LogLevel, Status, type Frame } from '../protocol/index.js';
import { failureOf, runCall, type CallResult } from './call.js';
import type { HostState } from './host-state.js';
import { Instance } from './instance.js';
import { decodeProps } from './props.js';

/** TERMINATE waits at most this long for the handler's terminate before killing. */
const TERMINATE_HANDLER_MAX_MS = 1000;

export async function open(host: HostState, req: Frame): Promise<void> {
  const name = decodeOnlyStr(req.payload);
  let inst = host.instances.get(req.resourceId);
  if (inst) {
    inst.name = name; // a repeated OPEN (library restarted its view) keeps the state
  } else {
    inst = new Instance(req.resourceId, name, host.def, host.channel, host.node);
    host.instances.set(req.resourceId, inst);
  }
  const handler = host.def.open;
  if (!handler) return host.channel.respond(req, Status.SUCCESS);
  const result = await runCall(inst, host.callOptions('open'), (ctx) => handler(ctx));
  answer(host, req, result);
}

export async function close(host: HostState, req: Frame, inst: Instance): Promise<void> {
  inst.abortAll('closed');
  const handler = host.def.close;
  const result = handler
    ? await runCall(inst, host.callOptions('close'), (ctx) => handler(ctx))
    : undefined;
  await inst.killProcesses();
  inst.clearScratch();
  inst.online = false;
  host.instances.delete(inst.id);
  answer(host, req, result);
}

export async function online(host: HostState, req: Frame, inst: Instance): Promise<void> {
  inst.props = decodeProps(host.def.schema, req.payload);
  inst.stored = inst.props;
  const handler = host.def.online;
  inst.failedReason = undefined;
  inst.stopping = false;
  inst.generation++;
  inst.onlinePending = true;
  let result: CallResult<void>;
  try {
    result = await runCall(inst, host.callOptions('online', true), (ctx) => handler(ctx));
  } finally {
    inst.onlinePending = false;
  }
  inst.online = result.ok;
  answer(host, req, result);
}

/**
 * offline(), then every managed process still running is stopped as its `stop` option says
 * (default SIGTERM to its group, SIGKILL 5 s later), then the scratch folder goes.
 */
export async function offline(host: HostState, req: Frame, inst: Instance): Promise<void> {
  const handler = host.def.offline;
  inst.stopping = true;
  const result = await runCall(inst, host.callOptions('offline', true), (ctx) => handler(ctx));
  inst.online = false;
  await inst.stopProcesses();
  inst.clearScratch();
  answer(host, req, result);
}

/** Pre-empts everything: abort, give terminate() a short chance, SIGKILL the groups, answer. */
export async function terminate(
  host: HostState,
  req: Frame | undefined,
  inst: Instance,
): Promise<void> {
  inst.abortAll('terminated');
  inst.online = false;
  inst.stopping = true;
  const handler = host.def.terminate;
  if (handler) {
    const budget = Math.min(
      TERMINATE_HANDLER_MAX_MS,
      Math.floor(host.def.schema.timeouts.terminate / 2),
    );
    const result = await runCall(inst, host.callOptions('terminate', false, budget), (ctx) =>
      handler(ctx),
    );
    if (!result.ok) {
      const why = result.aborted
        ? `did not finish within ${budget} ms`
        : failureOf(result.error).message;
      inst.log(LogLevel.WARNING, `terminate handler: ${why}; killing the managed processes anyway`);
    }
  }
  await inst.killProcesses();
  inst.clearScratch();
  if (req) host.channel.respond(req, Status.SUCCESS);
}

export function cancel(host: HostState, req: Frame, inst: Instance): void {
  inst.pending?.abort(new Error('cancelled'));
  host.channel.respond(req, Status.SUCCESS);
}

/** Sends the response for a call result: 0, 995 when aborted, else the failure. */
export function answer(
  host: HostState,
  req: Frame,
  result: CallResult<unknown> | undefined,
  payload?: Uint8Array,
): void {
  if (!result || result.ok) return host.channel.respond(req, Status.SUCCESS, payload);
  if (result.aborted)
    return host.channel.reject(
      req,
      Status.OPERATION_ABORTED,
      `operation aborted: ${result.reason}`,
    );
  const { status, message } = failureOf(result.error);
  host.channel.reject(req, status, message);
}
