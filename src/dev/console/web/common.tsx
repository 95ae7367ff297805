/** Small pieces used on every page. Text is always rendered as text (Preact escapes it). */
import type { PowerShellLines } from '../model/types.js';
import { stateColor, stateText } from './states.js';

export function StateBadge({ state }: { state: string }) {
  return (
    <span
      class="state"
      data-state={state}
      style={{ background: stateColor(state), color: stateText(state) }}
    >
      {state}
    </span>
  );
}

export function PowerShell({
  commands,
  title = 'PowerShell',
}: {
  commands: PowerShellLines[];
  title?: string;
}) {
  return (
    <div class="powershell">
      {commands.map((c) => (
        <figure>
          <figcaption>
            {title}: {c.what}
          </figcaption>
          <pre>
            <code>{c.lines.join('\n')}</code>
          </pre>
        </figure>
      ))}
    </div>
  );
}

export function ErrorLine({ text }: { text: string | undefined }) {
  return text ? (
    <p class="error" role="alert">
      {text}
    </p>
  ) : null;
}
