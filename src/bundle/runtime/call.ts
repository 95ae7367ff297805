/**
 * Runs one handler call with its own AbortController: aborted by TERMINATE, CANCEL
 * (pending calls only), the call's deadline or shutdown. An aborted call settles at
 * once as aborted, whatever the handler is still doing.
 */
import { LogLevel } from '../protocol/index.js';
import type { ResourceContext } from '../sdk/context.js';
import { ERROR_RESOURCE_FAILED, isWin32Failure } from '../resapi/index.js';
import { ResourceError } from '../sdk/errors.js';
import type { Channel } from './channel.js';
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
  channel: Channel;
}

export async function runCall<T>(
  inst: Instance,
  options: CallOptions,
  fn: (ctx: ResourceContext<any>) => T | Promise<T>,
): Promise<CallResult<T>> {
  const controller = new AbortController();
  inst.calls.add(controller);
  if (options.pending) inst.pending = controller;
  const deadline = setTimeout(() => controller.abort(new Error('deadline')), options.timeoutMs);
  // Automatic progress (opt-in) fills only the gaps the handler's own ctx.progress() leaves.
  const every = options.progressMs ?? 0;
  const progress =
    options.pending && every > 0
      ? setInterval(() => {
          if (performance.now() - inst.lastProgress >= every) inst.reportProgress('');
        }, every)
      : undefined;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<CallResult<T>>((resolve) => {
    onAbort = () => resolve(abortResult(controller.signal));
    controller.signal.addEventListener('abort', onAbort, { once: true });
  });
  const work = (async (): Promise<CallResult<T>> => {
    try {
      return { ok: true, value: await fn(inst.context(controller.signal)) };
    } catch (error) {
      if (controller.signal.aborted) return abortResult(controller.signal);
      logStack(inst, error);
      return { ok: false, aborted: false, error };
    }
  })();
  try {
    return await Promise.race([work, aborted]);
  } finally {
    clearTimeout(deadline);
    if (progress) clearInterval(progress);
    if (onAbort) controller.signal.removeEventListener('abort', onAbort);
    inst.calls.delete(controller);
    if (inst.pending === controller) inst.pending = undefined;
  }
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
function abortResult(signal: AbortSignal): CallResult<never> {
  const r: unknown = signal.reason;
  if (r instanceof ResourceError) return { ok: false, aborted: false, error: r };
  return { ok: false, aborted: true, reason: reasonOf(signal) };
}

function reasonOf(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error ? r.message : String(r);
}

/** The Win32 status and message of a failed call: the error's win32 code, else ERROR_RESOURCE_FAILED. */
export function failureOf(error: unknown): { status: number; message: string } {
  const win32 = (error as { win32?: unknown } | null)?.win32;
  const status = isWin32Failure(win32) ? win32 : ERROR_RESOURCE_FAILED;
  const message = error instanceof Error ? error.message : String(error);
  return { status, message };
}
