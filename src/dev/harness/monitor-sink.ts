/* The monitor's answers to the library's callbacks (all on the JS thread; none may throw). */
import { ResourceExitStateTerminate } from '../../bundle/resapi/index.js';
import { LOG_LEVEL_NAMES, type HarnessEvent, type LogEvent } from './events.js';
import type { ClusterDatabase } from './database.js';
import type { RawStatus, ServiceSink } from './library.js';
import type { LogBook } from './log-book.js';
import type { Resource } from './resource.js';

/** What the sink needs of its monitor (ResourceMonitor implements it; no import circle). */
export interface SinkHost {
  readonly resources: readonly Resource[];
  readonly handleNames: ReadonlyMap<bigint, string>;
  readonly logs: LogBook;
  readonly database: ClusterDatabase;
  readonly ignoreEventHandles: boolean;
  emit(event: HarnessEvent): void;
  now(): number;
}

export function createSink(m: SinkHost): ServiceSink {
  const byHandle = (h: bigint | null) =>
    h === null ? undefined : m.resources.find((r) => r.handle === h);
  const typeEvent = (body: Record<string, unknown>) =>
    m.emit({ ...body, resource: null, t: m.now() } as HarnessEvent);
  // The cluster service's own log line when the database cannot be saved: the library only
  // sees a status, the administrator needs the cause.
  const saved = (rc: number) => {
    const why = m.database.lastSaveError;
    if (rc !== 0 && why) {
      m.logs.add(null, why);
      typeEvent({ type: 'log', level: 2, levelName: LOG_LEVEL_NAMES[2], text: why });
    }
    return rc;
  };
  return {
    setResourceStatus: (h, st: RawStatus) => {
      const res = byHandle(h);
      if (res) return res.onStatus(st);
      typeEvent({
        type: 'anomaly',
        text: `SetResourceStatus for unknown resource handle ${String(h)}`,
      });
      return ResourceExitStateTerminate;
    },
    logEvent: (h, level, text) => {
      const name = h === null ? null : (m.handleNames.get(h) ?? null);
      m.logs.add(name, text, level);
      const body = {
        type: 'log',
        level,
        levelName: LOG_LEVEL_NAMES[level] ?? 'information',
        text,
      } as const;
      const res = byHandle(h);
      if (res) res.emit(body);
      else m.emit({ ...body, resource: name, t: m.now() } as LogEvent);
    },
    dbQuery: (...a) => m.database.dbQuery(...a),
    dbSet: (...a) => saved(m.database.dbSet(...a)),
    dbDelete: (...a) => saved(m.database.dbDelete(...a)),
    eventSignaled: (h) => {
      const hit = m.resources.filter((r) => h !== null && r.eventHandle === h);
      if (hit.length === 0) {
        const why = m.ignoreEventHandles
          ? 'ignored (ignoreEventHandles)'
          : 'for no Online resource';
        typeEvent({ type: 'anomaly', text: `event_signaled(${String(h)}) ${why}` });
      }
      for (const r of hit) r.onEventSignaled();
    },
    fault: (where, err) =>
      typeEvent({
        type: 'anomaly',
        text: `harness fault in ${where}: ${(err as Error)?.stack ?? String(err)}`,
      }),
  };
}
