/**
 * The timeline of the whole cluster: every resource's states over time, failures and
 * failovers marked; zoom with the wheel, the buttons or + and -, pan by dragging or with the
 * arrow keys. Live: new transitions and marks arrive on the stream.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ClusterView, Mark } from '../model/types.js';
import { clock } from './format.js';
import { useStream, type Connection } from './live.js';
import { STATE_COLORS } from './states.js';
import {
  AXIS_HEIGHT,
  drawTimeline,
  LABEL_WIDTH,
  ROW_HEIGHT,
  TimelineModel,
} from './timeline-draw.js';

const MAX_HEIGHT = 520;
const MIN_SPAN = 200;
const SHOWN_MARKS = 50;

export function TimelinePage(props: {
  onCluster: (c: ClusterView) => void;
  onConnection: (c: Connection) => void;
}) {
  const model = useRef(new TimelineModel());
  const canvas = useRef<HTMLCanvasElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const win = useRef({ t0: 0, t1: 1, follow: true });
  const frame = useRef(0);
  const [rows, setRows] = useState(0);
  const [marks, setMarks] = useState<Mark[]>([]);
  const [tip, setTip] = useState('');
  const [follow, setFollow] = useState(true);

  const height = () =>
    Math.min(MAX_HEIGHT, AXIS_HEIGHT + model.current.rows.length * ROW_HEIGHT + 2);
  const draw = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const c = canvas.current;
      const s = scroller.current;
      if (!c || !s) return;
      const now = Date.now();
      if (win.current.follow) {
        const span = win.current.t1 - win.current.t0;
        win.current.t1 = now;
        win.current.t0 =
          span > 0 && span < now - model.current.start ? now - span : model.current.start;
      }
      drawTimeline(
        c,
        model.current,
        { ...win.current, scrollTop: s.scrollTop, width: s.clientWidth, height: height() },
        now,
      );
    });
  };

  const connection = useStream('timeline', undefined, {
    cluster: props.onCluster,
    timeline: (v) => {
      model.current.load(v);
      win.current = { t0: v.start, t1: v.now, follow: true };
      setFollow(true);
      setRows(model.current.rows.length);
      setMarks(model.current.marks.slice(-SHOWN_MARKS));
      draw();
    },
    transition: (t) => {
      model.current.addTransition(t);
      setRows(model.current.rows.length);
      draw();
    },
    mark: (m) => {
      model.current.addMark(m);
      setMarks(model.current.marks.slice(-SHOWN_MARKS));
      draw();
    },
  });
  useEffect(() => props.onConnection(connection), [connection]);

  useEffect(() => {
    const s = scroller.current!;
    const resize = new ResizeObserver(draw);
    resize.observe(s);
    // While following "now", the open spans grow: redraw locally once a second (no request).
    const tick = setInterval(() => win.current.follow && draw(), 1000);
    return () => {
      resize.disconnect();
      clearInterval(tick);
      cancelAnimationFrame(frame.current);
    };
  }, []);

  const zoom = (factor: number, anchor?: number) => {
    const w = win.current;
    const span = w.t1 - w.t0;
    const at = anchor ?? w.t0 + span / 2;
    const next = Math.max(MIN_SPAN, span * factor);
    const t0 = at - ((at - w.t0) / span) * next;
    win.current = { t0, t1: t0 + next, follow: false };
    setFollow(false);
    draw();
  };
  const pan = (fraction: number) => {
    const w = win.current;
    const d = (w.t1 - w.t0) * fraction;
    win.current = { t0: w.t0 + d, t1: w.t1 + d, follow: false };
    setFollow(false);
    draw();
  };
  const showAll = () => {
    win.current = { t0: model.current.start, t1: Date.now(), follow: true };
    setFollow(true);
    draw();
  };
  const timeAt = (clientX: number) => {
    const s = scroller.current!;
    const px = clientX - s.getBoundingClientRect().left - LABEL_WIDTH;
    const w = win.current;
    return w.t0 + (px / Math.max(1, s.clientWidth - LABEL_WIDTH)) * (w.t1 - w.t0);
  };
  const onWheel = (e: WheelEvent) => {
    if (e.shiftKey) return; // shift+wheel scrolls the rows
    e.preventDefault();
    zoom(Math.exp(e.deltaY * 0.0015), timeAt(e.clientX));
  };
  const drag = useRef<{ x: number; t0: number; t1: number } | null>(null);
  const onPointerDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, ...win.current };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const s = scroller.current!;
    if (drag.current) {
      const d = drag.current;
      const dt = ((d.x - e.clientX) / Math.max(1, s.clientWidth - LABEL_WIDTH)) * (d.t1 - d.t0);
      if (Math.abs(d.x - e.clientX) > 2) {
        win.current = { t0: d.t0 + dt, t1: d.t1 + dt, follow: false };
        setFollow(false);
        draw();
      }
      return;
    }
    const y = e.clientY - s.getBoundingClientRect().top - AXIS_HEIGHT + s.scrollTop;
    const row = model.current.rows[Math.floor(y / ROW_HEIGHT)];
    const t = timeAt(e.clientX);
    const seg = row?.segments.find((g) => g.from <= t && (g.to ?? Date.now()) >= t);
    setTip(
      row && seg
        ? `${row.resource}: ${seg.state} from ${clock(seg.from)}${seg.to ? ` to ${clock(seg.to)}` : ' (now)'}`
        : '',
    );
  };
  const onKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      '+': () => zoom(0.5),
      '=': () => zoom(0.5),
      '-': () => zoom(2),
      '0': showAll,
      ArrowLeft: () => pan(-0.1),
      ArrowRight: () => pan(0.1),
    };
    const fn = keys[e.key];
    if (!fn) return;
    e.preventDefault();
    fn();
  };

  return (
    <div class="timeline-page">
      <h1>Timeline</h1>
      <div class="toolbar" role="toolbar" aria-label="Timeline zoom">
        <button type="button" onClick={() => zoom(0.5)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoom(2)}>
          Zoom out
        </button>
        <button type="button" onClick={() => pan(-0.25)}>
          Earlier
        </button>
        <button type="button" onClick={() => pan(0.25)}>
          Later
        </button>
        <button type="button" onClick={showAll} aria-pressed={follow}>
          Show all (follow now)
        </button>
        <span class="legend">
          {Object.entries(STATE_COLORS).map(([state, color]) => (
            <span class="legend-item">
              <span class="swatch" style={{ background: color }} aria-hidden="true" />
              {state}
            </span>
          ))}
          <span class="legend-item">▼ failure</span>
          <span class="legend-item">| restart / failover / move</span>
          <span class="legend-item">┆ node lost / back</span>
        </span>
      </div>
      <div
        ref={scroller}
        class="timeline-scroller"
        tabIndex={0}
        role="img"
        aria-label={`State of ${rows} resources over time. Keys: plus and minus zoom, arrows pan, 0 shows all.`}
        data-rows={rows}
        style={{ height: `${height()}px` }}
        onScroll={draw}
        onWheel={onWheel}
        onKeyDown={onKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerLeave={() => setTip('')}
      >
        <canvas
          ref={canvas}
          class="timeline-canvas"
          style={{ height: `${height()}px`, marginBottom: `-${height()}px` }}
        />
        <div style={{ height: `${AXIS_HEIGHT + rows * ROW_HEIGHT}px` }} aria-hidden="true" />
      </div>
      <p class="tip" role="status" aria-live="polite">
        {tip}
      </p>
      <section aria-labelledby="marks-h">
        <h2 id="marks-h">Failures, restarts, failovers and node changes</h2>
        <table class="marks">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">What</th>
              <th scope="col">Where</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {[...marks].reverse().map((m) => (
              <tr data-mark={m.kind}>
                <td>{clock(m.at)}</td>
                <td>{m.kind}</td>
                <td>{m.resource ?? m.group ?? m.node ?? ''}</td>
                <td>{m.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
