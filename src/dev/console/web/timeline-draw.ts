/**
 * The cluster timeline on one canvas: a row per resource with its states as coloured spans,
 * failures, restarts, failovers and node losses marked. Only the rows in view are drawn and
 * each row finds its first visible span by binary search, so a redraw costs what is visible,
 * not the whole history: 200 resources stay responsive. Each draw is recorded as a
 * performance measure named "ck-timeline-draw".
 */
import type { Mark, Segment, TimelineView, Transition } from '../model/types.js';
import { stateColor } from './states.js';

export const ROW_HEIGHT = 20;
export const AXIS_HEIGHT = 28;
export const LABEL_WIDTH = 180;

export interface Row {
  resource: string;
  group: string;
  segments: Segment[];
}

const TICKS_S = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400,
];

const MARK_COLORS: Record<string, string> = {
  failure: '#b71c1c',
  restart: '#ef6c00',
  'stay-failed': '#4a148c',
  failover: '#6a1b9a',
  move: '#283593',
  'node-down': '#b71c1c',
  'node-up': '#1b5e20',
  fault: '#212121',
  monitor: '#4e342e',
};

/** Index of the first segment that ends after `t` (open segments end at `now`). */
function firstVisible(segments: Segment[], t: number, now: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segments[mid].to ?? now) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class TimelineModel {
  start = Date.now();
  rows: Row[] = [];
  marks: Mark[] = [];
  private byName = new Map<string, Row>();
  private byGroup = new Map<string, Row[]>();

  load(view: TimelineView): void {
    this.start = view.start;
    this.rows = view.rows.map((r) => ({ ...r, segments: [...r.segments] }));
    this.marks = [...view.marks];
    this.index();
  }

  private index(): void {
    this.byName = new Map(this.rows.map((r) => [r.resource.toLowerCase(), r]));
    this.byGroup = new Map();
    for (const r of this.rows) {
      const k = r.group.toLowerCase();
      this.byGroup.set(k, [...(this.byGroup.get(k) ?? []), r]);
    }
  }

  rowIndex(resource: string): number {
    const row = this.byName.get(resource.toLowerCase());
    return row ? this.rows.indexOf(row) : -1;
  }

  groupRows(group: string): Row[] {
    return this.byGroup.get(group.toLowerCase()) ?? [];
  }

  addTransition(t: Transition): void {
    let row = this.byName.get(t.resource.toLowerCase());
    if (!row) {
      row = {
        resource: t.resource,
        group: t.group,
        segments: [{ state: t.from, from: t.at, to: null }],
      };
      this.rows.push(row);
      this.index();
    }
    const last = row.segments[row.segments.length - 1];
    if (last && last.to === null) last.to = Math.max(last.from, t.at);
    row.segments.push({ state: t.to, from: t.at, to: null });
  }

  addMark(m: Mark): void {
    this.marks.push(m);
  }
}

export interface Viewport {
  t0: number;
  t1: number;
  /** First row drawn (from the scroll position) and the canvas size in CSS pixels. */
  scrollTop: number;
  width: number;
  height: number;
}

function tickStep(spanMs: number, width: number): number {
  const wanted = (spanMs / 1000) * (90 / Math.max(1, width));
  return (TICKS_S.find((s) => s >= wanted) ?? TICKS_S[TICKS_S.length - 1]) * 1000;
}

function timeLabel(t: number, stepMs: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return stepMs < 60_000 ? `${hm}:${p(d.getSeconds())}` : hm;
}

export function drawTimeline(
  canvas: HTMLCanvasElement,
  m: TimelineModel,
  v: Viewport,
  now: number,
): void {
  const begin = performance.now();
  const dpr = devicePixelRatio || 1;
  if (canvas.width !== Math.round(v.width * dpr) || canvas.height !== Math.round(v.height * dpr)) {
    canvas.width = Math.round(v.width * dpr);
    canvas.height = Math.round(v.height * dpr);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, v.width, v.height);
  const plotW = Math.max(10, v.width - LABEL_WIDTH);
  const span = Math.max(1, v.t1 - v.t0);
  const x = (t: number) => LABEL_WIDTH + ((t - v.t0) / span) * plotW;
  const first = Math.max(0, Math.floor(v.scrollTop / ROW_HEIGHT));
  const visible = Math.ceil((v.height - AXIS_HEIGHT) / ROW_HEIGHT) + 1;
  const last = Math.min(m.rows.length, first + visible);
  const rowY = (i: number) => AXIS_HEIGHT + i * ROW_HEIGHT - v.scrollTop;

  // Axis with time ticks.
  const step = tickStep(span, plotW);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#333';
  ctx.strokeStyle = '#e0e0e0';
  ctx.lineWidth = 1;
  ctx.textBaseline = 'middle';
  for (let t = Math.ceil(v.t0 / step) * step; t <= v.t1; t += step) {
    const px = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, AXIS_HEIGHT - 6);
    ctx.lineTo(px, v.height);
    ctx.stroke();
    ctx.fillText(timeLabel(t, step), px + 3, AXIS_HEIGHT / 2);
  }

  // Rows: label, then the spans that overlap [t0, t1].
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_HEIGHT, v.width, v.height - AXIS_HEIGHT);
  ctx.clip();
  for (let i = first; i < last; i++) {
    const row = m.rows[i];
    const y = rowY(i);
    if (i % 2 === 1) {
      ctx.fillStyle = '#f7f7f7';
      ctx.fillRect(0, y, v.width, ROW_HEIGHT);
    }
    ctx.fillStyle = '#222';
    ctx.fillText(
      row.resource.length > 24 ? `${row.resource.slice(0, 23)}…` : row.resource,
      6,
      y + ROW_HEIGHT / 2,
    );
    const segs = row.segments;
    for (let k = firstVisible(segs, v.t0, now); k < segs.length; k++) {
      const s = segs[k];
      if (s.from > v.t1) break;
      const x0 = Math.max(LABEL_WIDTH, x(s.from));
      const x1 = Math.min(v.width, x(s.to ?? now));
      if (x1 - x0 < 0.25) continue;
      ctx.fillStyle = stateColor(s.state);
      ctx.fillRect(x0, y + 3, Math.max(1, x1 - x0), ROW_HEIGHT - 6);
    }
  }
  drawMarks(ctx, m, v, x, rowY, first, last);
  ctx.restore();
  performance.measure('ck-timeline-draw', { start: begin, end: performance.now() });
}

function drawMarks(
  ctx: CanvasRenderingContext2D,
  m: TimelineModel,
  v: Viewport,
  x: (t: number) => number,
  rowY: (i: number) => number,
  first: number,
  last: number,
): void {
  const inRows = (i: number) => i >= first && i < last;
  for (const mark of m.marks) {
    if (mark.at < v.t0 || mark.at > v.t1) continue;
    const px = Math.round(x(mark.at)) + 0.5;
    ctx.strokeStyle = ctx.fillStyle = MARK_COLORS[mark.kind] ?? '#000';
    if (mark.kind === 'node-down' || mark.kind === 'node-up') {
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(px, AXIS_HEIGHT);
      ctx.lineTo(px, v.height);
      ctx.stroke();
      ctx.setLineDash([]);
      continue;
    }
    const rows = mark.resource
      ? [m.rowIndex(mark.resource)]
      : mark.group
        ? m.groupRows(mark.group).map((r) => m.rows.indexOf(r))
        : [];
    for (const i of rows) {
      if (!inRows(i)) continue;
      const y = rowY(i);
      if (mark.kind === 'failure') {
        ctx.beginPath();
        ctx.moveTo(px - 5, y);
        ctx.lineTo(px + 5, y);
        ctx.lineTo(px, y + 8);
        ctx.closePath();
        ctx.fill();
      } else {
        ctx.lineWidth = mark.kind === 'failover' || mark.kind === 'move' ? 3 : 2;
        ctx.beginPath();
        ctx.moveTo(px, y + 1);
        ctx.lineTo(px, y + ROW_HEIGHT - 1);
        ctx.stroke();
      }
    }
  }
}
