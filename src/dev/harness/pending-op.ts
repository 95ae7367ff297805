/*
 * A pending Online or Offline: the library returned ERROR_IO_PENDING and now reports
 * through SetResourceStatus. PendingTimeout runs between reports (each report restarts
 * it), as RHS measures it.
 */

export class PendingOperation {
  readonly promise: Promise<void>;
  private settle!: { resolve: () => void; reject: (err: unknown) => void };
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    readonly op: 'Online' | 'Offline',
    /** The log position when the operation began, for error messages. */
    readonly logMark: number,
    private readonly timeoutMs: number,
    private readonly onTimeout: () => void,
  ) {
    this.promise = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    // Whoever awaits sees the rejection; this keeps an unobserved copy from being reported.
    this.promise.catch(() => undefined);
    this.arm();
  }

  get settled(): boolean {
    return this.done;
  }

  /** A status report arrived: the timeout starts again. */
  report(): void {
    if (!this.done) this.arm();
  }

  resolve(): void {
    if (this.finish()) this.settle.resolve();
  }

  reject(err: unknown): void {
    if (this.finish()) this.settle.reject(err);
  }

  private arm(): void {
    clearTimeout(this.timer);
    // A ref'd timer: it also keeps Node alive while the library's callback is awaited.
    this.timer = setTimeout(() => {
      if (!this.done) this.onTimeout();
    }, this.timeoutMs);
  }

  private finish(): boolean {
    if (this.done) return false;
    this.done = true;
    clearTimeout(this.timer);
    return true;
  }
}
