/**
 * The live stream of one view. The server sends the view whole when the stream opens (again
 * after a reconnect), then each change: nothing here polls.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StreamMessages } from '../model/types.js';
import { streamUrl } from './api.js';

export type Handlers = { [K in keyof StreamMessages]?: (data: StreamMessages[K]) => void };

export type Connection = 'connecting' | 'live' | 'reconnecting';

const EVENTS: (keyof StreamMessages)[] = [
  'cluster',
  'detail',
  'series',
  'logs',
  'timeline',
  'transition',
  'health',
  'mark',
  'log',
  'properties',
];

export function useStream(
  view: string,
  resource: string | undefined,
  handlers: Handlers,
): Connection {
  const current = useRef(handlers);
  current.current = handlers;
  const [state, setState] = useState<Connection>('connecting');
  useEffect(() => {
    setState('connecting');
    const source = new EventSource(streamUrl(view, resource));
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
    for (const name of EVENTS)
      source.addEventListener(name, (e) => {
        const fn = current.current[name] as ((d: unknown) => void) | undefined;
        fn?.(JSON.parse((e as MessageEvent<string>).data));
      });
    return () => source.close();
  }, [view, resource]);
  return state;
}
