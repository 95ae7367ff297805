/* Errors thrown by the harness: each class has a stable `code`. */
import { ERROR_TIMEOUT } from '../../bundle/resapi/index.js';

/** Base class of every harness error. */
export class HarnessError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An error that carries the Win32 status the library returned and its last log lines. */
export class LibraryCallError extends HarnessError {
  readonly win32: number;
  readonly logs: string[];
  constructor(code: string, message: string, win32: number, logs: string[]) {
    const tail = logs.length > 0 ? `\nlast library log lines:\n  ${logs.join('\n  ')}` : '';
    super(code, message + tail);
    this.win32 = win32;
    this.logs = logs;
  }
}

export class LibraryLoadError extends HarnessError {
  constructor(message: string) {
    super('LIBRARY_LOAD', message);
  }
}

export class BundleSchemaError extends HarnessError {
  constructor(bundle: string, why: string) {
    super(
      'BUNDLE_SCHEMA',
      `cannot read the schema of the handler bundle ${bundle}: ${why}; rebuild it (clusterkit build) or pass \`schema\` to ResourceMonitor.load()`,
    );
  }
}

export class LibraryInUseError extends HarnessError {
  constructor(library: string) {
    super(
      'LIBRARY_IN_USE',
      `${library} is already driven by another ResourceMonitor in this process; close that monitor first`,
    );
  }
}

export class StartupError extends LibraryCallError {
  constructor(message: string, win32: number, logs: string[]) {
    super('STARTUP_FAILED', message, win32, logs);
  }
}

export class OpenFailedError extends LibraryCallError {
  constructor(name: string, logs: string[]) {
    super('OPEN_FAILED', `Open of resource "${name}" returned NULL`, 0, logs);
  }
}

/** `<reason> (<what RHS saw>, Win32 N)`, or `<what RHS saw> (Win32 N)` when the library gave no reason. */
function headline(reason: string | undefined, why: string, win32: number): string {
  return reason ? `${reason} (${why}, Win32 ${win32})` : `${why} (Win32 ${win32})`;
}

export class OnlineFailedError extends LibraryCallError {
  /** Why, in the library's (usually the handler's) words, when it logged one. */
  readonly reason: string | undefined;
  constructor(name: string, why: string, win32: number, logs: string[], reason?: string) {
    super(
      'ONLINE_FAILED',
      `Online of resource "${name}" failed: ${headline(reason, why, win32)}`,
      win32,
      logs,
    );
    this.reason = reason;
  }
}

export class OfflineFailedError extends LibraryCallError {
  readonly reason: string | undefined;
  constructor(name: string, why: string, win32: number, logs: string[], reason?: string) {
    super(
      'OFFLINE_FAILED',
      `Offline of resource "${name}" failed: ${headline(reason, why, win32)}`,
      win32,
      logs,
    );
    this.reason = reason;
  }
}

export class PendingTimeoutError extends LibraryCallError {
  readonly timeoutMs: number;
  constructor(name: string, op: 'Online' | 'Offline', timeoutMs: number, logs: string[]) {
    super(
      'PENDING_TIMEOUT',
      `${op} of resource "${name}" reported no progress for ${timeoutMs} ms (PendingTimeout); the resource was terminated`,
      ERROR_TIMEOUT,
      logs,
    );
    this.timeoutMs = timeoutMs;
  }
}

export class TerminatedError extends HarnessError {
  constructor(name: string, op: string) {
    super('TERMINATED', `${op} of resource "${name}" was interrupted by Terminate`);
  }
}

export class PropertiesRejectedError extends LibraryCallError {
  /** Why, in the library's (or the handler's validate()) words, when it logged one. */
  readonly reason: string | undefined;
  constructor(name: string, win32: number, logs: string[], reason?: string) {
    super(
      'PROPERTIES_REJECTED',
      `the library rejected the properties of resource "${name}": ${reason ?? 'no reason logged'} (Win32 ${win32})`,
      win32,
      logs,
    );
    this.reason = reason;
  }
}

export class ControlFailedError extends LibraryCallError {
  constructor(name: string, what: string, win32: number, logs: string[]) {
    super('CONTROL_FAILED', `${what} on resource "${name}" failed (Win32 ${win32})`, win32, logs);
  }
}

export class ResourceClosedError extends HarnessError {
  constructor(name: string) {
    super(
      'RESOURCE_CLOSED',
      `resource "${name}" is closed; create it again with monitor.createResource()`,
    );
  }
}

export class MonitorClosedError extends HarnessError {
  constructor() {
    super(
      'MONITOR_CLOSED',
      'the ResourceMonitor is closed; load a new one with ResourceMonitor.load()',
    );
  }
}

export class DuplicateResourceError extends HarnessError {
  constructor(name: string) {
    super(
      'DUPLICATE_RESOURCE',
      `a resource named "${name}" already exists in this monitor; pick another name or close it first`,
    );
  }
}

export class StateTimeoutError extends HarnessError {
  constructor(name: string, wanted: string, current: string, timeoutMs: number) {
    super(
      'STATE_TIMEOUT',
      `resource "${name}" did not reach state ${wanted} within ${timeoutMs} ms (it is ${current})`,
    );
  }
}

export class InvalidArgumentError extends HarnessError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

export class DatabaseFileError extends HarnessError {
  constructor(file: string, why: string) {
    super(
      'DATABASE_CORRUPT',
      `cluster database file ${file} cannot be used: ${why}; fix or remove the file`,
    );
  }
}
