/* The structured event stream of a monitor (also kept per resource in `res.events`). */

export type ResourceState = 'Offline' | 'OnlinePending' | 'Online' | 'OfflinePending' | 'Failed';

export type LogLevelName = 'information' | 'warning' | 'error' | 'severe';

export const LOG_LEVEL_NAMES: readonly LogLevelName[] = [
  'information',
  'warning',
  'error',
  'severe',
];

interface Base {
  /** Resource name, or null for the type / the library itself. */
  resource: string | null;
  /** Milliseconds since the monitor was loaded (monotonic). */
  t: number;
}

/** A state change: RHS's view of the resource. */
export interface StateEvent extends Base {
  type: 'state';
  from: ResourceState;
  to: ResourceState;
  why: string;
  /**
   * On reaching Online: whether Online returned an event handle. With one, RHS never polls
   * LooksAlive (failures arrive through the handle), only IsAlive.
   */
  eventHandle?: boolean;
}

/** One LooksAlive/IsAlive answer, from polling or an explicit call. */
export interface CheckEvent extends Base {
  type: 'check';
  check: 'LooksAlive' | 'IsAlive';
  result: boolean;
  /** 'poll' (timer), 'escalation' (after LooksAlive FALSE), 'event-handle', or 'call' (res.isAlive()). */
  trigger: 'poll' | 'escalation' | 'event-handle' | 'call';
  startedAt: number;
  durationMs: number;
}

/** A cluster-log line written by the library through LogEvent. */
export interface LogEvent extends Base {
  type: 'log';
  level: number;
  levelName: LogLevelName;
  text: string;
}

/** A SetResourceStatus report while pending. */
export interface StatusEvent extends Base {
  type: 'status';
  state: number;
  checkPoint: number;
  accepted: boolean;
}

/** An entry-point call that did not return within DeadlockTimeout (the monitor is hung). */
export interface DeadlockEvent extends Base {
  type: 'deadlock';
  call: string;
  elapsedMs: number;
}

/** The library signaled the event handle Online returned (asynchronous failure report). */
export interface SignalEvent extends Base {
  type: 'event-signaled';
}

/** Something the library did that RHS would not expect (a protocol slip), or a harness fault. */
export interface AnomalyEvent extends Base {
  type: 'anomaly';
  text: string;
}

/** An entry-point call finished. */
export interface CallEvent extends Base {
  type: 'call';
  call: string;
  status: number | boolean | null;
  startedAt: number;
  durationMs: number;
}

export type HarnessEvent =
  | StateEvent
  | CheckEvent
  | LogEvent
  | StatusEvent
  | DeadlockEvent
  | SignalEvent
  | AnomalyEvent
  | CallEvent;
