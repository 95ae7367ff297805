/**
 * Runs one handler call: aborted by TERMINATE, CANCEL (pending calls only), the call's
 * deadline or shutdown. An aborted call settles at once as aborted, whatever the handler
 * is still doing.
 *
 * Health checks run thousands of times a second, so a call costs only what it uses: the
 * AbortController behind ctx.signal is made when the handler first reads ctx.signal, and a
 * handler that answers synchronously settles at once, with no deadline timer and no
 * promise in between.
 */
import { LogLevel } from '../protocol/index.js';
import type { ResourceContext } from '../sdk/context.js';
import { ERROR_RESOURCE_FAILED, isWin32Failure } from '../resapi/index.js';
import { ResourceError } from '../sdk/errors.js';
import { Call } from './call-state.js';
import type { Instance } from './instance.js';
import { mappedStack } from './stack.js';

export type CallResult<T> =
  | { ok: true; value: T }
  | { ok: false; aborted: true; reason: string }
  | { ok: false; aborted: false; error: unknown };

export interface CallOptions {
  /** The call's deadline (the schema timeout); the signal aborts then. */
  timeoutMs: number;
  /** ONLINE/OFFLINE: cancellable, and sends automatic PROGRESS. */
  pending?: boolean;
  progressMs?: number;
}

/**
 * Calls fn with the instance's context for a new call. The result comes back directly when
 * fn answered synchronously, else as a promise.
 */
export function runCall<T>(
  inst: Instance,
  options: CallOptions,
  fn: (ctx: ResourceContext<any>) => T | PromiseLike<T>,
): CallResult<T> | Promise<CallResult<T>> {
  const call = new Call();
  inst.calls.add(call);
  if (options.pending) inst.pending = call;
  let value: T | PromiseLike<T>;
  try {
    value = fn(inst.context(call));
  } catch (error) {
    end(inst, call);
    return call.aborted ? abortResult(call) : failed(inst, error);
  }
  if (!isThenable(value)) {
    end(inst, call);
    return call.aborted ? abortResult(call) : { ok: true, value };
  }
  return settle(inst, call, options, value);
}

/**
 * Node fires a timer whose delay exceeds 2^31-1 ms after 1 ms; the schema allows timeouts and
 * progressInterval up to 2^32-1 ms, so the timers wait at most this long.
 */
const MAX_TIMER_MS = 0x7fffffff;

/** The asynchronous part: the deadline, automatic progress, and the race with an abort. */
function settle<T>(
  inst: Instance,
  call: Call,
  options: CallOptions,
  work: PromiseLike<T>,
): Promise<CallResult<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const deadline = setTimeout(
      () => call.abort(new Error('deadline')),
      Math.min(options.timeoutMs, MAX_TIMER_MS),
    );
    // Automatic progress (opt-in) fills only the gaps the handler's own ctx.progress() leaves.
    const every = options.progressMs ?? 0;
    const progress =
      options.pending && every > 0
        ? setInterval(
            () => {
              if (performance.now() - inst.lastProgress >= every) inst.reportProgress('');
            },
            Math.min(every, MAX_TIMER_MS),
          )
        : undefined;
    const finish = (result: CallResult<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (progress) clearInterval(progress);
      end(inst, call);
      resolve(result);
    };
    call.onAbort = () => finish(abortResult(call));
    if (call.aborted) return call.onAbort();
    Promise.resolve(work).then(
      (value) => finish(call.aborted ? abortResult(call) : { ok: true, value }),
      (error: unknown) => finish(call.aborted ? abortResult(call) : failed(inst, error)),
    );
  });
}

function end(inst: Instance, call: Call): void {
  call.onAbort = undefined;
  inst.calls.delete(call);
  if (inst.pending === call) inst.pending = undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** A handler that threw: the result, after the stack of an unexpected error. */
function failed(inst: Instance, error: unknown): CallResult<never> {
  logStack(inst, error);
  return { ok: false, aborted: false, error };
}

/**
 * Where an unexpected error came from, at the handler's source lines, as an information line
 * before the failure itself. A ResourceError is a reason the handler chose: no stack.
 */
function logStack(inst: Instance, error: unknown): void {
  if (!(error instanceof Error) || (error as { code?: unknown }).code === 'RESOURCE_ERROR') return;
  inst.log(LogLevel.INFO, `the handler threw: ${mappedStack(error)}`);
}

/** An abort with a ResourceError reason (ctx.fail during online) is a failure, not a cancel. */
function abortResult(call: Call): CallResult<never> {
  const r = call.reason;
  if (r instanceof ResourceError) return { ok: false, aborted: false, error: r };
  return { ok: false, aborted: true, reason: r instanceof Error ? r.message : String(r) };
}

/** The Win32 status and message of a failed call: the error's win32 code, else ERROR_RESOURCE_FAILED. */
export function failureOf(error: unknown): { status: number; message: string } {
  const win32 = (error as { win32?: unknown } | null)?.win32;
  const status = isWin32Failure(win32) ? win32 : ERROR_RESOURCE_FAILED;
  const message = error instanceof Error ? error.message : String(error);
  return { status, message };
}
