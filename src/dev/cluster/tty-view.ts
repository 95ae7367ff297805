import type { ResourceSnapshot, HealthResult } from './cluster-resource.js';

export interface ViewModel {
  type: string;
  nodes: { name: string; up: boolean; monitors: number }[];
  resources: ResourceSnapshot[];
  selected: number;
  log: string[];
  message: string;
  width: number;
  /** A line under the title, e.g. the web console's URL. */
  header?: string;
}

const ESC = '\u001b[';
const STATE_COLOR: Record<string, string> = {
  Online: '32',
  Failed: '31',
  Offline: '90',
  OnlinePending: '33',
  OfflinePending: '33',
};

function age(h: HealthResult | null): string {
  if (!h) return '-';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(h.at)) / 1000));
  return `${h.alive ? 'TRUE' : 'FALSE'} ${s}s ago`;
}

function cell(v: string, w: number): string {
  return v.length > w ? `${v.slice(0, w - 1)}~` : v.padEnd(w);
}

/** The whole screen as text (ANSI colours, no cursor tricks beyond clear + home). */
export function renderView(m: ViewModel): string {
  const w = Math.max(60, m.width);
  const out: string[] = [];
  out.push(
    `clusterkit run: ${m.type}   nodes: ${m.nodes.map((n) => `${n.name}${n.up ? '' : ' (down)'}[${n.monitors} rhs]`).join('  ')}`,
  );
  if (m.header) out.push(m.header);
  out.push('');
  const cols: [string, number][] = [
    ['', 2],
    ['Resource', 24],
    ['Group', 12],
    ['Node', 8],
    ['State', 15],
    ['Pending', 12],
    ['LooksAlive', 15],
    ['IsAlive', 15],
    ['Restarts', 8],
  ];
  out.push(cols.map(([h, n]) => cell(h, n)).join(' '));
  m.resources.forEach((r, i) => {
    const pending =
      r.pendingMs !== null ? `cp ${r.checkpoint} ${Math.round(r.pendingMs / 100) / 10}s` : '-';
    const row = [
      i === m.selected ? '>' : ' ',
      r.standInType ? `${r.name} (${r.standInType})` : r.name,
      r.group,
      r.node ?? '-',
      r.state,
      pending,
      // With an event handle RHS never polls LooksAlive: say so instead of a '-' that never changes.
      r.looksAliveByEvent && !r.looksAlive ? 'event handle' : age(r.looksAlive),
      age(r.isAlive),
      String(r.restarts),
    ];
    const text = row.map((v, k) => cell(v, cols[k][1])).join(' ');
    const color = STATE_COLOR[r.state] ?? '0';
    out.push(`${ESC}${color}m${text}${ESC}0m`);
  });
  out.push('');
  out.push('latest log lines:');
  for (const full of m.log) {
    // The view drops the pid.tid and the date; the log file keeps the full line.
    const l = full.replace(/^[0-9a-f]{8}\.[0-9a-f]{8}::\d{4}\/\d{2}\/\d{2}-/, '');
    out.push(`  ${l.length > w - 2 ? l.slice(0, w - 3) + '~' : l}`);
  }
  out.push('');
  out.push(
    `keys: o online  f offline  x fail  m move  k kill host  up/down select  q quit   ${m.message}`,
  );
  return `${ESC}H${ESC}2J${out.join('\n')}\n`;
}
