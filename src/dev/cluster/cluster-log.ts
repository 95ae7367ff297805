import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Cluster log lines in the shape of the real cluster.log:
 *
 *   0000a1b2.00000003::2026/11/25-18:02:07.431 INFO  [RES] EchoServer <Echo1>: listening on 7001
 *
 * `pid.tid` are 8 hex digits each (pid = the monitor process that produced the line, tid = its
 * call lane, see docs/rhs-behaviour.md), the time is UTC with milliseconds, the level is padded
 * to 5 columns, then the component: [RES] resource DLL lines (LogEvent), [RHS] the monitor
 * process, [RCM] the failover manager (restart, failover, groups), [NODE] nodes.
 */
export type LogLevel = 'INFO' | 'WARN' | 'ERR' | 'DBG';
export type LogComponent = 'RES' | 'RHS' | 'RCM' | 'NODE';

export interface LogRecord {
  time: Date;
  pid: number;
  tid: number;
  level: LogLevel;
  component: LogComponent;
  /** Resource type name, for [RES] lines. */
  type?: string;
  /** Resource (or group/node) name the line is about. */
  name?: string;
  text: string;
}

/** LogEvent levels (LOG_INFORMATION 0 .. LOG_SEVERE 3) to cluster-log levels; severe is logged as ERR. */
export function levelFromLogEvent(level: number): LogLevel {
  return level === 0 ? 'INFO' : level === 1 ? 'WARN' : 'ERR';
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatTimestamp(d: Date): string {
  return (
    `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}-` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** One line, without the newline. Line breaks inside the text are flattened (one record = one line). */
export function formatLogLine(r: LogRecord): string {
  const who =
    r.type !== undefined
      ? r.name
        ? `${r.type} <${r.name}>: `
        : `${r.type}: `
      : r.name !== undefined
        ? `<${r.name}>: `
        : '';
  const text = r.text.replace(/\s+$/, '').replace(/\r?\n/g, ' | ');
  return `${hex8(r.pid)}.${hex8(r.tid)}::${formatTimestamp(r.time)} ${r.level.padEnd(5)} [${r.component}] ${who}${text}`;
}

const LINE_RE =
  /^([0-9a-f]{8})\.([0-9a-f]{8})::(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2}):(\d{2})\.(\d{3}) (INFO|WARN|ERR|DBG) *\[(RES|RHS|RCM|NODE)\] (.*)$/;

/** Parses a line written by formatLogLine (for tests and tools); undefined if it is not one. */
export function parseLogLine(line: string): LogRecord | undefined {
  const m = LINE_RE.exec(line);
  if (!m) return undefined;
  const time = new Date(Date.UTC(+m[3], +m[4] - 1, +m[5], +m[6], +m[7], +m[8], +m[9]));
  const rest = m[12];
  const res = /^(?:(.+?) )?<([^>]*)>: (.*)$/.exec(rest);
  return {
    time,
    pid: parseInt(m[1], 16),
    tid: parseInt(m[2], 16),
    level: m[10] as LogLevel,
    component: m[11] as LogComponent,
    ...(res
      ? { ...(res[1] !== undefined ? { type: res[1] } : {}), name: res[2], text: res[3] }
      : { text: rest }),
  };
}

/** Keeps the latest lines in memory and optionally appends every line to a file. */
export class ClusterLog {
  private readonly recent: string[] = [];

  constructor(
    private readonly options: {
      file?: string;
      keep?: number;
      onLine?: (line: string, r: LogRecord) => void;
    } = {},
  ) {
    if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  }

  write(
    r: Omit<LogRecord, 'time' | 'pid' | 'tid'> & Partial<Pick<LogRecord, 'time' | 'pid' | 'tid'>>,
  ): string {
    const rec: LogRecord = {
      time: r.time ?? new Date(),
      pid: r.pid ?? process.pid,
      tid: r.tid ?? 0,
      ...r,
    } as LogRecord;
    const line = formatLogLine(rec);
    this.recent.push(line);
    const keep = this.options.keep ?? 500;
    if (this.recent.length > keep) this.recent.splice(0, this.recent.length - keep);
    // Synchronous append: a crash or a kill right after a line must not lose it.
    if (this.options.file) appendFileSync(this.options.file, line + '\n');
    this.options.onLine?.(line, rec);
    return line;
  }

  /** The latest `n` lines, oldest first. */
  tail(n = 20): string[] {
    return this.recent.slice(-n);
  }
}
