/**
 * One property of the Properties form, generated from its schema entry: the input that fits
 * its kind (numbers with their range, a checkbox, a list editor for multi-strings, hex for
 * binary, decimal text for 64-bit values), with its description, default, required and
 * read-only marks, and the message that belongs to it.
 */
import type { SchemaProperty } from '../../../bundle/sdk/schema-props.js';
import { appliesText, defaultText, inputHints } from '../shared/property-input.js';

export type Raw = string | boolean | string[];

export interface FieldMessage {
  kind: 'refused' | 'invalid' | 'hint' | 'stored';
  text: string;
}

interface FieldProps {
  id: string;
  prop: SchemaProperty;
  /** ClusterParameterType of the stored value. */
  parameterType: string;
  raw: Raw;
  onInput: (raw: Raw) => void;
  message?: FieldMessage;
  pendingRestart?: boolean;
  cmdletParameter?: string;
}

function ListInput({
  id,
  name,
  items,
  readOnly,
  onInput,
  describedBy,
}: {
  id: string;
  name: string;
  items: string[];
  readOnly: boolean;
  onInput: (items: string[]) => void;
  describedBy: string;
}) {
  const set = (i: number, v: string) => onInput(items.map((x, k) => (k === i ? v : x)));
  return (
    <div class="list-input">
      <ol>
        {items.map((item, i) => (
          <li>
            <input
              id={i === 0 ? id : `${id}-${i}`}
              type="text"
              value={item}
              readOnly={readOnly}
              aria-label={`${name} item ${i + 1}`}
              aria-describedby={describedBy}
              onInput={(e) => set(i, (e.target as HTMLInputElement).value)}
            />
            {!readOnly && (
              <button
                type="button"
                aria-label={`Remove ${name} item ${i + 1}`}
                onClick={() => onInput(items.filter((_, k) => k !== i))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      {items.length === 0 && <p class="empty">(empty list)</p>}
      {!readOnly && (
        <button
          type="button"
          id={items.length === 0 ? id : undefined}
          aria-label={`Add an item to ${name}`}
          onClick={() => onInput([...items, ''])}
        >
          Add item
        </button>
      )}
    </div>
  );
}

function Input(p: FieldProps & { describedBy: string; invalid: boolean }) {
  const h = inputHints(p.prop);
  const ro = p.prop.readOnly;
  const common = {
    id: p.id,
    readOnly: ro,
    'aria-describedby': p.describedBy,
    'aria-invalid': p.invalid,
    'aria-required': p.prop.required,
  };
  const text = (e: Event) => p.onInput((e.target as HTMLInputElement).value);
  switch (h.input) {
    case 'bool':
      return (
        <input
          {...common}
          type="checkbox"
          checked={p.raw === true}
          disabled={ro}
          onChange={(e) => p.onInput((e.target as HTMLInputElement).checked)}
        />
      );
    case 'integer':
      return h.wide ? (
        <input
          {...common}
          type="text"
          inputMode="numeric"
          spellcheck={false}
          class="mono"
          value={String(p.raw)}
          onInput={text}
        />
      ) : (
        <input
          {...common}
          type="number"
          step="1"
          min={h.min}
          max={h.max}
          value={String(p.raw)}
          onInput={text}
        />
      );
    case 'hex':
      return (
        <input
          {...common}
          type="text"
          spellcheck={false}
          class="mono"
          value={String(p.raw)}
          onInput={text}
        />
      );
    case 'choice':
      return (
        <select
          {...common}
          disabled={ro}
          value={String(p.raw)}
          onChange={(e) => p.onInput((e.target as HTMLSelectElement).value)}
        >
          {String(p.raw) === '' && <option value="">(not set)</option>}
          {(p.prop.choices ?? []).map((c) => (
            <option value={c}>{c}</option>
          ))}
        </select>
      );
    case 'secret':
      // Write-only: never shown, never filled in; the browser must not offer to save it.
      return (
        <input
          {...common}
          type="password"
          autocomplete="new-password"
          placeholder="(unchanged)"
          value={String(p.raw)}
          onInput={text}
        />
      );
    case 'list':
      return (
        <ListInput
          id={p.id}
          name={p.prop.name}
          items={p.raw as string[]}
          readOnly={ro}
          onInput={p.onInput}
          describedBy={p.describedBy}
        />
      );
    default:
      return <input {...common} type="text" value={String(p.raw)} onInput={text} />;
  }
}

export function PropertyField(p: FieldProps) {
  const h = inputHints(p.prop);
  const def = defaultText(p.prop);
  const help = `${p.id}-help`;
  const msg = `${p.id}-msg`;
  const list = h.input === 'list';
  const Label = list ? 'legend' : 'label';
  const Wrapper = list ? 'fieldset' : 'div';
  return (
    <Wrapper
      class={`field kind-${p.prop.kind}${p.prop.readOnly ? ' read-only' : ''}`}
      data-property={p.prop.name}
    >
      <Label {...(list ? {} : { for: p.id })} class="name">
        {p.prop.name}
      </Label>{' '}
      <span class="type">{p.parameterType || p.prop.kind}</span>
      {p.prop.required && <span class="mark required">required</span>}
      {p.prop.readOnly && <span class="mark readonly">read-only (the handler reports it)</span>}
      <Input
        {...p}
        describedBy={`${help} ${msg}`}
        invalid={p.message?.kind === 'refused' || p.message?.kind === 'invalid'}
      />
      <p id={help} class="help">
        {p.prop.description && <span class="description">{p.prop.description}</span>}
        {def !== undefined && <span class="default">default: {def}</span>}
        {h.min !== undefined && (
          <span class="range">
            {h.min} to {h.max}
            {h.wide ? ' (64-bit, exact)' : ''}
          </span>
        )}
        {h.input === 'hex' && <span class="range">bytes in hex, e.g. 01 0a ff</span>}
        {h.input === 'secret' && (
          <span class="secret">write-only: never read back; leave it empty to keep it</span>
        )}
        {appliesText(p.prop) && <span class="applies">{appliesText(p.prop)}</span>}
        {p.cmdletParameter && <span class="param">-{p.cmdletParameter}</span>}
      </p>
      <p id={msg} class={`msg ${p.message?.kind ?? ''}`} role="status" aria-live="polite">
        {p.message?.text ?? ''}
      </p>
      {p.pendingRestart && <p class="pending-restart">takes effect after offline/online</p>}
    </Wrapper>
  );
}
