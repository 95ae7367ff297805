/* What a resource needs from its monitor (the monitor owns the library and the callbacks). */
import type { CallGate } from './call-gate.js';
import type { EntryPoints } from './entry-points.js';
import type { HarnessEvent } from './events.js';
import type { LogBook } from './log-book.js';
import type { KindMap } from './properties.js';

export interface ResourceHost {
  readonly entry: EntryPoints;
  readonly gate: CallGate;
  readonly logs: LogBook;
  /** Fault injection: event handles from Online are treated as NULL. */
  readonly ignoreEventHandles: boolean;
  /** Milliseconds since the monitor was loaded. */
  now(): number;
  emit(e: HarnessEvent): void;
  /** Counts a library call as in flight until it settles (monitor.close() waits for none). */
  track<T>(p: Promise<T>): Promise<T>;
  /** Kinds of the resource's private properties, for encoding values. */
  propertyKinds(res: { control: ResourceControlFn }): Promise<KindMap>;
  forget(res: { name: string }): void;
}

export type ResourceControlFn = (
  code: number,
  input?: Uint8Array,
) => Promise<{ status: number; data: Uint8Array }>;
