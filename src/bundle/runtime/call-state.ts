/**
 * The state of one handler call, apart from how calls run (call.ts), so that the instance,
 * which keeps its calls, and the runner, which makes them, both import it without a circle.
 * The AbortController behind ctx.signal is made only when the handler first reads it.
 */
/** One call in progress: what TERMINATE, CANCEL, ctx.fail and the deadline abort. */
export class Call {
  private controller: AbortController | undefined;
  private abortReason: unknown;
  aborted = false;
  /** Set while an asynchronous call waits: settles it as aborted. */
  onAbort: (() => void) | undefined;

  /** The call's AbortSignal, made on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  get reason(): unknown {
    return this.abortReason;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.onAbort?.();
  }
}
