/** Events: the resource's cluster-log lines, live, filterable by level. */
import { useState } from 'preact/hooks';
import type { LogEntry, LogLevelName } from '../model/types.js';
import { clock } from './format.js';

const LEVELS: LogLevelName[] = ['DBG', 'INFO', 'WARN', 'ERR'];
const SHOWN = 500;

export function EventsTab({ logs }: { logs: LogEntry[] }) {
  const [min, setMin] = useState<LogLevelName>('DBG');
  const shown = logs.filter((l) => LEVELS.indexOf(l.level) >= LEVELS.indexOf(min)).slice(-SHOWN);
  return (
    <div class="events">
      <p>
        <label for="level-filter">Show levels from</label>{' '}
        <select
          id="level-filter"
          value={min}
          onChange={(e) => setMin((e.target as HTMLSelectElement).value as LogLevelName)}
        >
          {LEVELS.map((l) => (
            <option value={l}>
              {l === 'DBG' ? 'DBG (everything)' : l === 'ERR' ? 'ERR only' : `${l} and above`}
            </option>
          ))}
        </select>{' '}
        <span role="status" aria-live="polite">
          {shown.length} of {logs.length} lines
        </span>
      </p>
      <table class="log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Component</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((l) => (
            <tr class={`level-${l.level}`} data-level={l.level} title={l.line}>
              <td>{clock(l.at)}</td>
              <td>{l.level}</td>
              <td>[{l.component}]</td>
              <td class="text">{l.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
