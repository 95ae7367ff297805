/** Actions: each with its button and the PowerShell command that does the same on Windows. */
import { useState } from 'preact/hooks';
import type { ActionResult, ActionView, ResourceDetail } from '../model/types.js';
import { postJson } from './api.js';
import { PowerShell } from './common.js';

const SECTIONS: ActionView['section'][] = ['State', 'Group', 'Faults', 'Nodes'];

function outcome(a: ActionResult): string {
  if (a.ok) return 'done';
  const status = a.win32Name ? ` (${a.win32Name}, ${a.win32})` : '';
  return `refused: ${a.error ?? 'unknown error'}${status}`;
}

function Action({ a, resource }: { a: ActionView; resource: string }) {
  const [status, setStatus] = useState('');
  const run = async () => {
    setStatus('running…');
    try {
      const answer = await postJson<ActionResult>('/api/actions', {
        action: a.id,
        resource,
        ...(a.node !== undefined ? { node: a.node } : {}),
      });
      setStatus(outcome(answer));
    } catch (e) {
      setStatus(`refused: ${(e as Error).message}`);
    }
  };
  const key = `${a.id}${a.node ? `-${a.node}` : ''}`;
  return (
    <li class="action" data-action={key}>
      <button
        type="button"
        onClick={run}
        disabled={!a.enabled || status === 'running…'}
        aria-describedby={`why-${key}`}
      >
        {a.label}
      </button>{' '}
      <span id={`why-${key}`} class="action-status" role="status" aria-live="polite">
        {a.enabled ? status : `(${a.disabledWhy})`}
      </span>
      <PowerShell commands={[a.powershell]} />
    </li>
  );
}

export function ActionsTab({ detail }: { detail: ResourceDetail }) {
  return (
    <div class="actions">
      {SECTIONS.map((section) => (
        <section aria-labelledby={`sec-${section}`}>
          <h2 id={`sec-${section}`}>{section}</h2>
          <ul>
            {detail.actions
              .filter((a) => a.section === section)
              .map((a) => (
                <Action key={`${a.id}-${a.node ?? ''}`} a={a} resource={detail.name} />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
