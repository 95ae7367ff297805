/** Stable codes of everything the local cluster refuses or reports. */
export type ClusterErrorCode =
  | 'BAD_SETTING'
  | 'DEPENDENCY_CYCLE'
  | 'UNKNOWN_DEPENDENCY'
  | 'UNKNOWN_NODE'
  | 'UNKNOWN_GROUP'
  | 'UNKNOWN_RESOURCE'
  | 'DUPLICATE_NAME'
  | 'NO_NODE_AVAILABLE'
  | 'MONITOR_DIED'
  | 'MONITOR_HUNG'
  | 'CALL_FAILED'
  | 'CLUSTER_CLOSED'
  | 'UNKNOWN_TYPE'
  | 'TYPE_EXISTS'
  | 'TYPE_IN_USE'
  | 'DEPENDENTS_EXIST';

/** Base class: `code` is stable, the message says what was wrong and what to do. */
export class ClusterError extends Error {
  readonly code: ClusterErrorCode;

  constructor(code: ClusterErrorCode, message: string) {
    super(message);
    this.name = 'ClusterError';
    this.code = code;
  }
}

/** A setting is out of the range RHS accepts. */
export class BadSettingError extends ClusterError {
  constructor(message: string) {
    super('BAD_SETTING', message);
    this.name = 'BadSettingError';
  }
}

/** Resources of a group depend on each other in a circle; `cycle` lists it, first name repeated last. */
export class DependencyCycleError extends ClusterError {
  readonly cycle: string[];

  constructor(cycle: string[]) {
    super(
      'DEPENDENCY_CYCLE',
      `dependency cycle: ${cycle.join(' -> ')}; remove one of these dependencies (the cluster refuses cycles)`,
    );
    this.name = 'DependencyCycleError';
    this.cycle = cycle;
  }
}

/** A call into a monitor process failed; `win32` is the status the library answered, if any. */
export class CallFailedError extends ClusterError {
  readonly win32: number | undefined;

  constructor(message: string, win32?: number) {
    super('CALL_FAILED', message);
    this.name = 'CallFailedError';
    this.win32 = win32;
  }
}
