/** Hash routes: #/ (cluster), #/timeline, #/resource/<name>/<tab>. */
import { useEffect, useState } from 'preact/hooks';

export const TABS = ['detail', 'properties', 'events', 'actions'] as const;
export type Tab = (typeof TABS)[number];

export type Route =
  { page: 'cluster' } | { page: 'timeline' } | { page: 'resource'; resource: string; tab: Tab };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'timeline') return { page: 'timeline' };
  if (parts[0] === 'resource' && parts[1]) {
    let resource = parts[1];
    try {
      resource = decodeURIComponent(parts[1]);
    } catch {
      // Keep the raw text; the server answers that no such resource exists.
    }
    const tab = (TABS as readonly string[]).includes(parts[2]) ? (parts[2] as Tab) : 'detail';
    return { page: 'resource', resource, tab };
  }
  return { page: 'cluster' };
}

export function href(route: Route): string {
  if (route.page === 'timeline') return '#/timeline';
  if (route.page === 'resource')
    return `#/resource/${encodeURIComponent(route.resource)}/${route.tab}`;
  return '#/';
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
