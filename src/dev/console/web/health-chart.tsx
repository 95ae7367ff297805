/**
 * The Detail chart (uPlot on a canvas): LooksAlive and IsAlive latency over time as points,
 * failed checks marked with a red cross, and the resource's state as coloured bands behind.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { ResourceSeries } from '../model/types.js';
import { clock } from './format.js';
import { STATE_COLORS, stateColor } from './states.js';

const HEIGHT = 260;

/** uPlot's aligned data: x in seconds, one column per check kind (null where it has no point). */
function aligned(s: ResourceSeries): uPlot.AlignedData {
  const xs: number[] = [];
  const la: (number | null)[] = [];
  const ia: (number | null)[] = [];
  for (const h of s.health) {
    xs.push(h.at / 1000);
    la.push(h.check === 'LooksAlive' ? h.ms : null);
    ia.push(h.check === 'IsAlive' ? h.ms : null);
  }
  return [xs, la, ia];
}

function summary(s: ResourceSeries): string {
  const n = (check: string) => s.health.filter((h) => h.check === check);
  const failed = s.health.filter((h) => !h.alive).length;
  const last = s.segments[s.segments.length - 1];
  return (
    `Health checks: ${n('LooksAlive').length} LooksAlive and ${n('IsAlive').length} IsAlive answers, ` +
    `${failed} of them FALSE. ${last ? `State ${last.state} since ${clock(last.from)}.` : ''}`
  );
}

export function HealthChart({ series }: { series: ResourceSeries }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(series);
  latest.current = series;

  useEffect(() => {
    const el = box.current!;
    const bands = (u: uPlot) => {
      const { ctx, bbox } = u;
      const now = Date.now();
      ctx.save();
      ctx.globalAlpha = 0.18;
      for (const seg of latest.current.segments) {
        const x0 = u.valToPos(seg.from / 1000, 'x', true);
        const x1 = u.valToPos((seg.to ?? now) / 1000, 'x', true);
        const left = Math.max(bbox.left, x0);
        const right = Math.min(bbox.left + bbox.width, x1);
        if (right <= left) continue;
        ctx.fillStyle = stateColor(seg.state);
        ctx.fillRect(left, bbox.top, right - left, bbox.height);
      }
      ctx.restore();
    };
    const failures = (u: uPlot) => {
      const { ctx } = u;
      ctx.save();
      ctx.strokeStyle = '#c62828';
      ctx.lineWidth = 2 * devicePixelRatio;
      const r = 5 * devicePixelRatio;
      for (const h of latest.current.health) {
        if (h.alive) continue;
        const x = u.valToPos(h.at / 1000, 'x', true);
        const y = u.valToPos(h.ms, 'y', true);
        ctx.beginPath();
        ctx.moveTo(x - r, y - r);
        ctx.lineTo(x + r, y + r);
        ctx.moveTo(x + r, y - r);
        ctx.lineTo(x - r, y + r);
        ctx.stroke();
      }
      ctx.restore();
    };
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth),
      height: HEIGHT,
      scales: {
        x: {
          time: true,
          range: () => {
            const s = latest.current;
            const first = Math.min(
              s.start,
              s.health[0]?.at ?? Infinity,
              s.segments[0]?.from ?? Infinity,
            );
            return [first / 1000, Math.max(Date.now(), first + 1000) / 1000];
          },
        },
        y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 1) * 1.15)] },
      },
      series: [
        {},
        {
          label: 'LooksAlive (ms)',
          stroke: '#1565c0',
          width: 0,
          points: { show: true, size: 6, fill: '#1565c0' },
          spanGaps: false,
        },
        {
          label: 'IsAlive (ms)',
          stroke: '#6a1b9a',
          width: 0,
          points: { show: true, size: 7, fill: '#6a1b9a' },
          spanGaps: false,
        },
      ],
      axes: [{}, { label: 'latency (ms)' }],
      hooks: { drawClear: [bands], draw: [failures] },
    };
    const u = new uPlot(opts, aligned(latest.current), el);
    plot.current = u;
    const resize = new ResizeObserver(() =>
      u.setSize({ width: Math.max(300, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData(aligned(series));
  }, [series]);

  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={summary(series)} />
      <figcaption>
        <span>Background: state over time</span>
        {Object.entries(STATE_COLORS).map(([state, color]) => (
          <span class="legend-item">
            <span class="swatch" style={{ background: color }} aria-hidden="true" />
            {state}
          </span>
        ))}
        <span class="legend-item">
          <span class="cross" aria-hidden="true">
            ×
          </span>{' '}
          check answered FALSE
        </span>
      </figcaption>
    </figure>
  );
}
