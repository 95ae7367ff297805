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

const TABLE: readonly Win32Status[] = [
  { code: 0, name: 'ERROR_SUCCESS', message: 'The operation completed successfully.' },
  { code: 1, name: 'ERROR_INVALID_FUNCTION', message: 'Incorrect function.' },
  { code: 13, name: 'ERROR_INVALID_DATA', message: 'The data is invalid.' },
  { code: 87, name: 'ERROR_INVALID_PARAMETER', message: 'The parameter is incorrect.' },
  { code: 145, name: 'ERROR_DIR_NOT_EMPTY', message: 'The directory is not empty.' },
  {
    code: 183,
    name: 'ERROR_ALREADY_EXISTS',
    message: 'Cannot create a file when that file already exists.',
  },
  { code: 234, name: 'ERROR_MORE_DATA', message: 'More data is available.' },
  {
    code: 1460,
    name: 'ERROR_TIMEOUT',
    message: 'This operation returned because the timeout period expired.',
  },
  {
    code: 5001,
    name: 'ERROR_DEPENDENT_RESOURCE_EXISTS',
    message:
      'The cluster resource cannot be moved to another group because other resources are dependent on it.',
  },
  {
    code: 5002,
    name: 'ERROR_DEPENDENCY_NOT_FOUND',
    message: 'The cluster resource dependency cannot be found.',
  },
  {
    code: 5007,
    name: 'ERROR_RESOURCE_NOT_FOUND',
    message: 'The cluster resource could not be found.',
  },
  { code: 5010, name: 'ERROR_OBJECT_ALREADY_EXISTS', message: 'The object already exists.' },
  { code: 5013, name: 'ERROR_GROUP_NOT_FOUND', message: 'The cluster group could not be found.' },
  {
    code: 5023,
    name: 'ERROR_INVALID_STATE',
    message:
      'The group or resource is not in the correct state to perform the requested operation.',
  },
  {
    code: 5024,
    name: 'ERROR_RESOURCE_PROPERTIES_STORED',
    message:
      'The properties were stored but not all changes will take effect until the next time the resource is brought online.',
  },
  { code: 5038, name: 'ERROR_RESOURCE_FAILED', message: 'A cluster resource failed.' },
  { code: 5042, name: 'ERROR_CLUSTER_NODE_NOT_FOUND', message: 'The cluster node was not found.' },
  { code: 5050, name: 'ERROR_CLUSTER_NODE_DOWN', message: 'The cluster node is down.' },
  {
    code: 5078,
    name: 'ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND',
    message: 'The specified resource type was not found.',
  },
  {
    code: 5910,
    name: 'ERROR_RESOURCE_CALL_TIMED_OUT',
    message: 'The call to the cluster resource DLL timed out.',
  },
];

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
