/** State segments of every resource over time, with failures and failovers marked. */
import type { LocalCluster } from '../../cluster/cluster.js';
import type { ClusterHistory } from '../history.js';
import type { Segment, Transition, TimelineView } from './types.js';

/**
 * The segments of one resource: from when the console first saw it, each transition closes
 * the current segment and opens the next; the last one is open (to: null).
 */
export function segmentsOf(
  transitions: readonly Transition[],
  first: { at: number; state: string } | undefined,
  currentState: string,
): Segment[] {
  const start = Math.min(first?.at ?? Infinity, transitions[0]?.at ?? Infinity);
  if (!Number.isFinite(start)) return [];
  const out: Segment[] = [];
  let state = transitions[0]?.from ?? first?.state ?? currentState;
  let from = start;
  for (const t of transitions) {
    const at = Math.max(from, t.at);
    // A transition in the same millisecond as the previous one leaves no visible segment.
    if (at > from) out.push({ state, from, to: at });
    state = t.to;
    from = at;
  }
  out.push({ state, from, to: null });
  return out;
}

export function timelinePage(c: LocalCluster, h: ClusterHistory): TimelineView {
  return {
    start: h.start,
    now: Date.now(),
    rows: [...c.resources.values()].map((r) => ({
      resource: r.name,
      group: r.group.name,
      segments: segmentsOf(h.transitionsOf(r.name), h.firstSeenOf(r.name), r.state),
    })),
    marks: [...h.marks],
  };
}
