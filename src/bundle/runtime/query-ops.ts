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
import { decodeControlInput, encodeControlOutput } from './control-data.js';
import { answer } from './lifecycle-ops.js';
import { changedProperties, decodeProps, type PropValues } from './props.js';

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
  const result = await runCall(inst, host.callOptions('control'), (ctx) =>
    handler(Object.freeze(props) as never, inst.validateContext(ctx.signal)),
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
  const spec = host.def.schema.controls.find((c) => c.function === fn);
  if (handler === undefined || spec === undefined) {
    return host.channel.reject(
      req,
      Status.INVALID_FUNCTION,
      `control function ${fn} is not served by this handler`,
    );
  }
  let value: unknown;
  try {
    value = decodeControlInput(spec, input);
  } catch (err) {
    return host.channel.reject(req, Status.INVALID_PARAMETER, (err as Error).message);
  }
  const run = typeof handler === 'function' ? handler : handler.run.bind(handler);
  const result = await runCall(inst, host.callOptions('control'), (ctx) =>
    run(ctx, value as never),
  );
  if (!result.ok) return answer(host, req, result);
  try {
    host.channel.respond(req, Status.SUCCESS, encodeControlOutput(spec, result.value));
  } catch (err) {
    host.channel.reject(req, Status.RESOURCE_FAILED, (err as Error).message);
  }
}

export function setName(host: HostState, req: Frame, inst: Instance): void {
  inst.name = decodeOnlyStr(req.payload);
  host.channel.respond(req, Status.SUCCESS);
}

/**
 * A SET while online (docs/protocol.md, PROPERTIES): the stored values arrive; the live ones
 * that differ from the running values are handed to propertiesChanged (or, without it, taken
 * into ctx.props at once). 0 = applied, 5024 = some of what this SET changed waits for the
 * next online (the text names them; a change an earlier SET left waiting was reported then),
 * another status = propertiesChanged threw (the library then stores nothing).
 */
export async function properties(host: HostState, req: Frame, inst: Instance): Promise<void> {
  const stored = decodeProps(host.def.schema, req.payload);
  const { live, restart } = changedProperties(host.def.schema, inst.props, stored);
  // What waits because of this SET: non-live properties it changed that differ from what
  // runs (not those an earlier SET left waiting, nor one set back to its running value).
  const fresh = changedProperties(host.def.schema, inst.stored, stored).restart.filter((n) =>
    restart.includes(n),
  );
  const kept = () => {
    inst.stored = stored;
  };
  const waiting = (names: string[], lead: string) => {
    kept();
    host.channel.reject(
      req,
      Status.RESOURCE_PROPERTIES_STORED,
      `${lead}${names.join(', ')} take${names.length === 1 ? 's' : ''} effect at the next online`,
    );
  };
  const applied = () => {
    kept();
    host.channel.respond(req, Status.SUCCESS);
  };
  if (!inst.online || inst.stopping) return waiting([...live, ...restart], '');
  if (live.length === 0) return fresh.length === 0 ? applied() : waiting(fresh, '');
  const next: PropValues = { ...inst.props };
  for (const name of live) next[name] = stored[name];
  const hook = host.def.propertiesChanged;
  if (hook) {
    const change = Object.freeze({
      next: Object.freeze({ ...next }),
      changed: Object.freeze([...live]),
      restart: Object.freeze([...restart]),
    });
    const result = await runCall(inst, host.callOptions('control'), (ctx) =>
      hook(ctx, change as never),
    );
    if (!result.ok && result.aborted) {
      inst.log(LogLevel.WARNING, `propertiesChanged did not finish (${result.reason})`);
      return waiting([...live, ...fresh], '');
    }
    if (!result.ok) return answer(host, req, result);
    if (result.value === 'stored') return waiting([...live, ...fresh], 'the handler keeps them: ');
    if (result.value !== undefined && result.value !== 'applied') {
      return host.channel.reject(
        req,
        Status.RESOURCE_FAILED,
        `propertiesChanged answered ${JSON.stringify(result.value)}; answer 'applied' or 'stored'`,
      );
    }
  }
  inst.props = next;
  if (fresh.length === 0) return applied();
  waiting(fresh, `${live.join(', ')} applied; `);
}
