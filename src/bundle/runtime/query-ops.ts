/** LOOKS_ALIVE, IS_ALIVE, VALIDATE, CONTROL, SET_NAME, PROPERTIES. */
import {
  controlFunction,
  decodeControl,
  decodeOnlyStr,
  encodeText,
  LogLevel,
  Status,
  type Frame,
} from '../protocol/index.js';
import { failureOf, runCall, type CallResult } from './call.js';
import type { ResourceContext } from '../sdk/context.js';
import type { HostState } from './host-state.js';
import type { Instance } from './instance.js';
import { answer } from './lifecycle-ops.js';
import { decodeProps } from './props.js';

const TRUE = Uint8Array.of(1);
const FALSE = Uint8Array.of(0);

export function looksAlive(host: HostState, req: Frame, inst: Instance): void | Promise<void> {
  if (inst.failedReason !== undefined) return host.channel.respond(req, Status.SUCCESS, FALSE);
  const handler = host.def.looksAlive;
  if (!handler) return host.channel.respond(req, Status.SUCCESS, inst.online ? TRUE : FALSE);
  return health(host, req, inst, 'looksAlive', handler);
}

export function isAlive(host: HostState, req: Frame, inst: Instance): void | Promise<void> {
  if (inst.failedReason !== undefined) return host.channel.respond(req, Status.SUCCESS, FALSE);
  return health(host, req, inst, 'isAlive', host.def.isAlive);
}

/** A health check answers TRUE only for a handler that returned true; synchronously when it did. */
function health(
  host: HostState,
  req: Frame,
  inst: Instance,
  kind: 'looksAlive' | 'isAlive',
  handler: (ctx: ResourceContext<any>) => boolean | Promise<boolean>,
): void | Promise<void> {
  const answer = (result: CallResult<boolean>): void => {
    host.channel.respond(req, Status.SUCCESS, result.ok && result.value === true ? TRUE : FALSE);
    if (!result.ok && !result.aborted)
      inst.log(LogLevel.WARNING, `${kind} threw: ${failureOf(result.error).message}`);
  };
  const result = runCall(inst, host.callOptions(kind), handler);
  if (result instanceof Promise) return result.then(answer);
  answer(result);
}

/** The handler's cross-field check; a rejection answers 87 (or the error's win32) with the text. */
export async function validate(host: HostState, req: Frame, inst: Instance): Promise<void> {
  const props = decodeProps(host.def.schema, req.payload);
  const handler = host.def.validate;
  if (!handler) return host.channel.respond(req, Status.SUCCESS);
  const result = await runCall(inst, host.callOptions('control'), () =>
    handler(Object.freeze(props) as never),
  );
  if (result.ok && typeof result.value === 'string')
    return host.channel.reject(req, Status.INVALID_PARAMETER, result.value);
  if (!result.ok && !result.aborted) {
    const { status, message } = failureOf(result.error);
    return host.channel.reject(
      req,
      status === Status.RESOURCE_FAILED ? Status.INVALID_PARAMETER : status,
      message,
    );
  }
  answer(host, req, result);
}

export async function control(host: HostState, req: Frame, inst: Instance): Promise<void> {
  const { controlCode, input } = decodeControl(req.payload);
  const fn = controlFunction(controlCode);
  const handler = host.def.controls?.[fn];
  if (typeof handler !== 'function') {
    return host.channel.reject(
      req,
      Status.INVALID_FUNCTION,
      `control function ${fn} is not served by this handler`,
    );
  }
  const result = await runCall(inst, host.callOptions('control'), (ctx) => handler(ctx, input));
  if (!result.ok) return answer(host, req, result);
  const out = result.value;
  const bytes =
    typeof out === 'string' ? encodeText(out) : out instanceof Uint8Array ? out : new Uint8Array(0);
  host.channel.respond(req, Status.SUCCESS, bytes);
}

export function setName(host: HostState, req: Frame, inst: Instance): void {
  inst.name = decodeOnlyStr(req.payload);
  host.channel.respond(req, Status.SUCCESS);
}

/** New properties stored while online: kept for the next online; the hook may apply them now. */
export async function properties(host: HostState, req: Frame, inst: Instance): Promise<void> {
  inst.props = decodeProps(host.def.schema, req.payload);
  const hook = host.def.propertiesChanged;
  if (hook) {
    const result = await runCall(inst, host.callOptions('control'), (ctx) => hook(ctx));
    if (!result.ok) {
      const why = result.aborted ? result.reason : failureOf(result.error).message;
      inst.log(LogLevel.WARNING, `propertiesChanged: ${why}`);
    }
  }
  host.channel.respond(req, Status.SUCCESS);
}
