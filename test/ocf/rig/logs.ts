import { closeSync, fstatSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';

/** The last `lines` lines of a file (reads at most the last 64 KiB). */
export function tailFile(path: string, lines = 40): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return `(${path} does not exist)`;
  }
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    return buf
      .toString('utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  } finally {
    closeSync(fd);
  }
}

/** A labelled tail of several logs, for the message of a failed wait. */
export function tailLogs(files: readonly { label: string; path: string }[], lines = 40): string {
  return files
    .map(
      (f) =>
        `--- ${f.label}: ${basename(f.path)} (last ${lines} lines) ---\n${tailFile(f.path, lines)}`,
    )
    .join('\n');
}

/**
 * Cluster events as the host sees them: every Pacemaker daemon logs (at info level or more)
 * each state transition, membership change and operation result, and corosync logs each
 * membership change, so a write to any node's log file is a hint that the state changed.
 * inotify (fs.watch) delivers those writes without polling.
 */
export class LogActivity {
  private readonly watchers: FSWatcher[] = [];
  private listeners: (() => void)[] = [];
  /** Counts writes seen; a reader compares it before and after a read to spot missed events. */
  generation = 0;

  constructor(files: readonly string[]) {
    for (const f of files) {
      const w = watch(f, { persistent: false }, () => this.fire());
      w.on('error', () => {});
      this.watchers.push(w);
    }
  }

  private fire(): void {
    this.generation++;
    const ls = this.listeners;
    this.listeners = [];
    for (const l of ls) l();
  }

  /** Resolves true at the next write to any watched log, or false after `ms` of silence. */
  next(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      const self = this;
      function wake(): void {
        done(true);
      }
      function done(byWrite: boolean): void {
        clearTimeout(timer);
        self.listeners = self.listeners.filter((l) => l !== wake);
        resolve(byWrite);
      }
      this.listeners.push(wake);
    });
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers.length = 0;
    for (const l of this.listeners.splice(0)) l();
  }
}
