/** The resource page: Detail, Properties, Events and Actions tabs, fed by one live stream. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  ClusterView,
  HealthPoint,
  LogEntry,
  ResourceDetail,
  ResourceSeries,
  Transition,
} from '../model/types.js';
import { ActionsTab } from './actions-tab.js';
import { StateBadge } from './common.js';
import { DetailTab } from './detail-tab.js';
import { EventsTab } from './events-tab.js';
import { useStream, type Connection } from './live.js';
import { PropertiesTab } from './properties-tab.js';
import { href, TABS, type Tab } from './router.js';

const TAB_NAMES: Record<Tab, string> = {
  detail: 'Detail',
  properties: 'Properties',
  events: 'Events',
  actions: 'Actions',
};

const LOG_LIMIT = 1000;

function applyTransition(series: ResourceSeries, t: Transition): ResourceSeries {
  const segments = series.segments.map((s) => (s.to === null ? { ...s, to: t.at } : s));
  return { ...series, segments: [...segments, { state: t.to, from: t.at, to: null }] };
}

export function ResourcePage(props: {
  resource: string;
  tab: Tab;
  onCluster: (c: ClusterView) => void;
  onConnection: (c: Connection) => void;
}) {
  const [detail, setDetail] = useState<ResourceDetail | null>(null);
  const [series, setSeries] = useState<ResourceSeries | null>(null);
  const [logs, setLogs] = useState<LogEntry[]>([]);
  const [propsVersion, setPropsVersion] = useState(0);
  const lastState = useRef<string | undefined>(undefined);
  const connection = useStream('resource', props.resource, {
    cluster: props.onCluster,
    detail: (d) => {
      setDetail(d);
      // Read-only properties change with the state: read them again.
      if (lastState.current !== undefined && lastState.current !== d.state)
        setPropsVersion((v) => v + 1);
      lastState.current = d.state;
    },
    series: setSeries,
    logs: setLogs,
    transition: (t) => setSeries((s) => (s ? applyTransition(s, t) : s)),
    health: (h: HealthPoint) => {
      setSeries((s) => (s ? { ...s, health: [...s.health.slice(-1999), h] } : s));
      const last = { alive: h.alive, at: h.at, ms: h.ms };
      setDetail(
        (d) => d && (h.check === 'IsAlive' ? { ...d, isAlive: last } : { ...d, looksAlive: last }),
      );
    },
    log: (l) => setLogs((ls) => [...ls.slice(-(LOG_LIMIT - 1)), l]),
    properties: () => setPropsVersion((v) => v + 1),
  });
  useEffect(() => props.onConnection(connection), [connection]);
  const tabRefs = useRef<(HTMLAnchorElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const next =
      e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next === -1 && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const k = (next + TABS.length) % TABS.length;
    location.hash = href({ page: 'resource', resource: props.resource, tab: TABS[k] });
    tabRefs.current[k]?.focus();
  };
  if (!detail) return <p>Loading {props.resource}…</p>;
  return (
    <div class="resource-page" data-resource={detail.name}>
      <h1>
        {detail.name} <StateBadge state={detail.state} />
      </h1>
      <p class="sub">
        {detail.type.displayName} · group {detail.group} · owner node {detail.ownerNode ?? '(none)'}
      </p>
      <div role="tablist" aria-label="Resource pages" class="tabs">
        {TABS.map((t, i) => (
          <a
            role="tab"
            id={`tab-${t}`}
            href={href({ page: 'resource', resource: detail.name, tab: t })}
            aria-selected={props.tab === t}
            aria-controls={`panel-${t}`}
            tabIndex={props.tab === t ? 0 : -1}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            onKeyDown={(e) => onKey(e, i)}
          >
            {TAB_NAMES[t]}
          </a>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${props.tab}`}
        aria-labelledby={`tab-${props.tab}`}
        class="panel"
      >
        {props.tab === 'detail' && <DetailTab detail={detail} series={series} />}
        {props.tab === 'properties' && (
          <PropertiesTab resource={detail.name} version={propsVersion} />
        )}
        {props.tab === 'events' && <EventsTab logs={logs} />}
        {props.tab === 'actions' && <ActionsTab detail={detail} />}
      </div>
    </div>
  );
}
