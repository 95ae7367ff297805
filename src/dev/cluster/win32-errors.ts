/**
 * The Win32 statuses the local cluster answers administrators with, by number: the SDK name
 * (winerror.h) and the system message text FormatMessage gives for it on English Windows, so
 * a client (the local FailoverClusters module) can show what a Windows administrator sees.
 */
export interface Win32Status {
  code: number;
  name: string;
  message: string;
}

import * as RESAPI from '../../bundle/resapi/win32-errors.js';

/**
 * Statuses of the cluster service itself that an administrator meets; a resource library never
 * returns them, so they are not in ck_resapi.h (the RHS boundary) nor in its mirror.
 */
const CLUSTER_SERVICE_CODES: Readonly<Record<string, number>> = {
  ERROR_DIR_NOT_EMPTY: 145,
  ERROR_DEPENDENT_RESOURCE_EXISTS: 5001,
  ERROR_GROUP_NOT_FOUND: 5013,
  ERROR_INVALID_STATE: 5023,
  ERROR_CLUSTER_NODE_NOT_FOUND: 5042,
  ERROR_CLUSTER_NODE_DOWN: 5050,
  ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND: 5078,
};

/** The number of every status name: the ck_resapi.h mirror's, then the cluster service's. */
const CODES: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    Object.entries(RESAPI as Record<string, unknown>).filter(
      (e): e is [string, number] => e[0].startsWith('ERROR_') && typeof e[1] === 'number',
    ),
  ),
  ...CLUSTER_SERVICE_CODES,
};

/** The system message FormatMessage gives on English Windows, by status name. */
const MESSAGES: Readonly<Record<string, string>> = {
  ERROR_SUCCESS: 'The operation completed successfully.',
  ERROR_INVALID_FUNCTION: 'Incorrect function.',
  ERROR_INVALID_DATA: 'The data is invalid.',
  ERROR_INVALID_PARAMETER: 'The parameter is incorrect.',
  ERROR_DIR_NOT_EMPTY: 'The directory is not empty.',
  ERROR_ALREADY_EXISTS: 'Cannot create a file when that file already exists.',
  ERROR_MORE_DATA: 'More data is available.',
  ERROR_TIMEOUT: 'This operation returned because the timeout period expired.',
  ERROR_PROCESS_ABORTED: 'The process terminated unexpectedly.',
  ERROR_DEPENDENT_RESOURCE_EXISTS:
    'The cluster resource cannot be moved to another group because other resources are dependent on it.',
  ERROR_DEPENDENCY_NOT_FOUND: 'The cluster resource dependency cannot be found.',
  ERROR_RESOURCE_NOT_FOUND: 'The cluster resource could not be found.',
  ERROR_OBJECT_ALREADY_EXISTS: 'The object already exists.',
  ERROR_GROUP_NOT_FOUND: 'The cluster group could not be found.',
  ERROR_INVALID_STATE:
    'The group or resource is not in the correct state to perform the requested operation.',
  ERROR_RESOURCE_PROPERTIES_STORED:
    'The properties were stored but not all changes will take effect until the next time the resource is brought online.',
  ERROR_RESOURCE_FAILED: 'A cluster resource failed.',
  ERROR_CLUSTER_NODE_NOT_FOUND: 'The cluster node was not found.',
  ERROR_CLUSTER_NODE_DOWN: 'The cluster node is down.',
  ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND: 'The specified resource type was not found.',
  ERROR_RESOURCE_CALL_TIMED_OUT: 'The call to the cluster resource DLL timed out.',
};

const TABLE: readonly Win32Status[] = Object.entries(MESSAGES).map(([name, message]) => {
  const code = CODES[name];
  if (code === undefined) throw new Error(`win32-errors.ts: no number for ${name}`);
  return { code, name, message };
});

const BY_CODE = new Map(TABLE.map((s) => [s.code, s]));

/** The status of `code`; unknown numbers get a generic name and text that still carry the number. */
export function win32Status(code: number): Win32Status {
  return (
    BY_CODE.get(code) ?? {
      code,
      name: `WIN32_${code}`,
      message: `Win32 error ${code} (0x${code.toString(16).toUpperCase()}).`,
    }
  );
}

/** The number of a status name of the table (throws on a name it does not hold: a kit bug). */
export function win32Code(name: string): number {
  const s = TABLE.find((x) => x.name === name);
  if (!s) throw new Error(`win32-errors.ts has no ${name}`);
  return s.code;
}

/** What a cluster refusal (ClusterError code) is on Windows: the status an administrator gets. */
const BY_CLUSTER_CODE: Readonly<Record<string, string>> = {
  BAD_SETTING: 'ERROR_INVALID_PARAMETER',
  DEPENDENCY_CYCLE: 'ERROR_INVALID_PARAMETER',
  UNKNOWN_DEPENDENCY: 'ERROR_DEPENDENCY_NOT_FOUND',
  UNKNOWN_NODE: 'ERROR_CLUSTER_NODE_NOT_FOUND',
  UNKNOWN_GROUP: 'ERROR_GROUP_NOT_FOUND',
  UNKNOWN_RESOURCE: 'ERROR_RESOURCE_NOT_FOUND',
  DUPLICATE_NAME: 'ERROR_OBJECT_ALREADY_EXISTS',
  NO_NODE_AVAILABLE: 'ERROR_CLUSTER_NODE_DOWN',
  MONITOR_DIED: 'ERROR_RESOURCE_FAILED',
  MONITOR_HUNG: 'ERROR_RESOURCE_CALL_TIMED_OUT',
  CALL_FAILED: 'ERROR_RESOURCE_FAILED',
  CLUSTER_CLOSED: 'ERROR_CLUSTER_NODE_DOWN',
  UNKNOWN_TYPE: 'ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND',
  TYPE_EXISTS: 'ERROR_ALREADY_EXISTS',
  TYPE_IN_USE: 'ERROR_DIR_NOT_EMPTY',
  DEPENDENTS_EXIST: 'ERROR_DEPENDENT_RESOURCE_EXISTS',
};

/** The Win32 status of an error: its own `win32` when a library call answered one, else by its code. */
export function statusOfError(e: unknown): Win32Status {
  const x = e as { win32?: unknown; code?: unknown };
  if (typeof x?.win32 === 'number' && x.win32 > 0) return win32Status(x.win32);
  const name = typeof x?.code === 'string' ? BY_CLUSTER_CODE[x.code] : undefined;
  return win32Status(win32Code(name ?? 'ERROR_INVALID_FUNCTION'));
}
