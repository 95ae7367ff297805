/* The last cluster-log lines, numbered, so an error can quote what the library logged during a call. */

interface Line {
  seq: number;
  resource: string | null;
  text: string;
  /** LogEvent level: 0 information, 1 warning, 2 error, 3 severe. */
  level: number;
}

/** LogEvent's LOG_ERROR: lines at or above it say why something failed. */
const LOG_ERROR = 2;

/** How long lineSince waits for a library that logs nothing: it must not hang the caller. */
const LINE_BOUND_MS = 2000;

export class LogBook {
  private lines: Line[] = [];
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly keep = 1000) {}

  add(resource: string | null, text: string, level = 0): void {
    this.lines.push({ seq: ++this.seq, resource, text, level });
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    for (const wake of this.waiters) wake();
  }

  /**
   * Resolves once `resource` has logged a line after `mark` (at once when it has), or after
   * LINE_BOUND_MS when nothing comes.
   */
  lineSince(mark: number, resource: string): Promise<void> {
    const logged = () => this.lines.some((l) => l.seq > mark && l.resource === resource);
    if (logged()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(bound);
        this.waiters.delete(wake);
        resolve();
      };
      const wake = () => {
        if (logged()) done();
      };
      const bound = setTimeout(done, LINE_BOUND_MS);
      this.waiters.add(wake);
    });
  }

  /** A position to pass to since(). */
  mark(): number {
    return this.seq;
  }

  /** Lines of `resource` (and of the type itself) logged after `mark`, at most `max`, newest last. */
  since(mark: number, resource: string, max = 20): string[] {
    const out = this.lines.filter(
      (l) => l.seq > mark && (l.resource === resource || l.resource === null),
    );
    return out.slice(-max).map((l) => (l.resource === null ? `[type] ${l.text}` : l.text));
  }

  /**
   * Why a call failed, in the library's words: the first error line of `resource` after
   * `mark` that says something, without its "Online failed (status 5038): " lead-in (the root
   * cause is logged first; later lines report its consequences). Undefined when none.
   */
  reasonSince(mark: number, resource: string): string | undefined {
    const errors = this.lines.filter(
      (l) => l.seq > mark && l.resource === resource && l.level >= LOG_ERROR,
    );
    for (const l of errors) {
      const text = l.text.replace(/^[^:]*\(status \d+\): ?/, '').trim();
      if (text !== '') return text;
    }
    return undefined;
  }

  /** The last `max` lines of a resource. */
  last(resource: string, max = 20): string[] {
    return this.since(0, resource, max);
  }
}
