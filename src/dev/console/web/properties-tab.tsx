/**
 * Properties: a form generated from the schema. Save sends the changed values through the
 * real library (SET_PRIVATE_PROPERTIES); a refusal puts the library's reason next to the
 * field it names and changes nothing; a change stored while online is marked "takes effect
 * after offline/online". Hints while typing come from the shared rules (shared/property-input).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SchemaProperty } from '../../../bundle/sdk/schema-props.js';
import type { PowerShellLines, PropertiesView, SetPropertiesResult } from '../model/types.js';
import {
  formValue,
  inputHints,
  parseInput,
  rangeHint,
  sameValue,
  sendsField,
  type WireValue,
} from '../shared/property-input.js';
import { ApiError, getJson, postJson, resourcePath } from './api.js';
import { ErrorLine, PowerShell } from './common.js';
import { PropertyField, type FieldMessage, type Raw } from './property-field.js';

interface Other {
  name: string;
  type: string;
  raw: Raw;
}

type Wire = { name: string; type: string; value: WireValue };

const OTHER_ID = 'prop-other-value';

function otherProp(view: PropertiesView, o: Other): SchemaProperty {
  return {
    name: o.name || 'the property',
    kind: view.parameterTypes[o.type],
    format: 0,
    required: false,
    readOnly: false,
  };
}

/** What Save would send, and the messages of fields whose input cannot be sent. */
function collect(
  view: PropertiesView,
  raws: Record<string, Raw>,
  dirty: Set<string>,
  other: Other,
) {
  const send: Wire[] = [];
  const invalid: Record<string, string> = {};
  for (const f of view.fields) {
    const name = f.schema.name;
    if (f.schema.readOnly || !dirty.has(name) || !sendsField(f.schema, raws[name])) continue;
    const parsed = parseInput(f.schema, raws[name]);
    if (!parsed.ok) invalid[name] = parsed.error;
    else if (!sameValue(parsed.value, f.value))
      send.push({ name, type: f.parameterType, value: parsed.value });
  }
  if (other.name.trim() !== '') {
    const prop = otherProp(view, other);
    // A StringCollection is typed one item per line.
    const raw =
      prop.kind === 'multiString'
        ? String(other.raw)
            .split('\n')
            .filter((l) => l !== '')
        : other.raw;
    const parsed = parseInput(prop, raw);
    if (!parsed.ok) invalid[other.name] = parsed.error;
    else send.push({ name: other.name.trim(), type: other.type, value: parsed.value });
  }
  return { send, invalid };
}

export function PropertiesTab({ resource, version }: { resource: string; version: number }) {
  const [view, setView] = useState<PropertiesView | null>(null);
  const [loadError, setLoadError] = useState('');
  const [raws, setRaws] = useState<Record<string, Raw>>({});
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [result, setResult] = useState<SetPropertiesResult | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [other, setOther] = useState<Other>({ name: '', type: 'UInt32', raw: '' });
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<PowerShellLines[]>([]);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  useEffect(() => {
    let live = true;
    getJson<PropertiesView>(resourcePath(resource, '/properties')).then(
      (v) => {
        if (!live) return;
        setView(v);
        setLoadError('');
        // Fields the user is editing keep what they typed; the others show the stored value.
        setRaws((old) => {
          const next: Record<string, Raw> = {};
          for (const f of v.fields)
            next[f.schema.name] = dirtyRef.current.has(f.schema.name)
              ? old[f.schema.name]
              : formValue(f.schema, f.value);
          return next;
        });
      },
      (e: Error) => live && setLoadError(`cannot read the properties: ${e.message}`),
    );
    return () => {
      live = false;
    };
  }, [resource, version]);

  const pending = view ? collect(view, raws, dirty, other) : { send: [], invalid: {} };
  const sendKey = JSON.stringify(pending.send);
  useEffect(() => {
    if (pending.send.length === 0) return setPreview([]);
    // The command preview follows the typing, a moment after it stops.
    const timer = setTimeout(() => {
      const q = encodeURIComponent(sendKey);
      getJson<PowerShellLines[]>(`${resourcePath(resource, '/powershell')}?parameters=${q}`).then(
        setPreview,
        () => setPreview([]),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [sendKey, resource]);

  if (loadError) return <ErrorLine text={loadError} />;
  if (!view) return <p>Reading the properties through the library…</p>;

  const edit = (name: string, raw: Raw) => {
    setRaws((r) => ({ ...r, [name]: raw }));
    setDirty((d) => new Set(d).add(name));
    setReasons(({ [name]: _gone, ...rest }) => rest);
    setResult(null);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setGeneral([]);
    if (Object.keys(pending.invalid).length > 0) {
      setGeneral(['Some values cannot be sent as their type; correct the fields marked below.']);
      return;
    }
    if (pending.send.length === 0) {
      setGeneral(['Nothing changed.']);
      return;
    }
    setSaving(true);
    try {
      const r = await postJson<SetPropertiesResult>(resourcePath(resource, '/properties'), {
        parameters: pending.send,
      });
      setResult(r);
      setReasons(r.fields);
      setGeneral(r.general);
      if (r.stored) {
        // A stored secret leaves the page with the answer, not with the reload after it.
        setRaws((old) => {
          const next = { ...old };
          for (const f of view.fields)
            if (inputHints(f.schema).input === 'secret') next[f.schema.name] = '';
          return next;
        });
        setDirty(new Set());
        setOther({ name: '', type: other.type, raw: '' });
      }
    } catch (err) {
      setGeneral([err instanceof ApiError ? err.message : String(err)]);
    } finally {
      setSaving(false);
    }
  };

  const message = (name: string, prop: SchemaProperty): FieldMessage | undefined => {
    if (reasons[name]) return { kind: 'refused', text: `Refused by the library: ${reasons[name]}` };
    if (pending.invalid[name]) return { kind: 'invalid', text: pending.invalid[name] };
    const sent = pending.send.find((s) => s.name === name);
    const hint = sent ? rangeHint(prop, sent.value) : undefined;
    return hint ? { kind: 'hint', text: hint } : undefined;
  };

  const writable = view.fields.filter((f) => !f.schema.readOnly);
  const readOnly = view.fields.filter((f) => f.schema.readOnly);
  return (
    <form class="properties" onSubmit={save} noValidate aria-describedby="form-status">
      <p class="note">
        Values are read from and written to the resource library itself
        (GET_/SET_PRIVATE_PROPERTIES). The library decides what is valid.
      </p>
      <div id="form-status" role="status" aria-live="polite" class="form-status">
        {result && result.stored && (
          <p class={result.afterRestart ? 'stored after-restart' : 'stored'}>
            {result.afterRestart
              ? `Stored (${result.name}): ${result.waiting.join(', ')} ${result.waiting.length === 1 ? 'takes' : 'take'} effect after offline/online.`
              : 'Saved.'}
          </p>
        )}
        {result && !result.stored && (
          <p class="refused">
            The library refused the change: {result.name} ({result.code}). Nothing was changed.
          </p>
        )}
        {general.map((g) => (
          <p class="general">{g}</p>
        ))}
      </div>
      <h2>Writable properties</h2>
      {writable.map((f, i) => (
        <PropertyField
          id={`prop-${i}`}
          prop={f.schema}
          parameterType={f.parameterType}
          raw={raws[f.schema.name] ?? formValue(f.schema, f.value)}
          onInput={(raw) => edit(f.schema.name, raw)}
          message={message(f.schema.name, f.schema)}
          pendingRestart={f.pendingRestart}
          cmdletParameter={f.cmdletParameter}
        />
      ))}
      <fieldset class="field other" data-property="(other)">
        <legend>Another private property (as Set-ClusterParameter -Create)</legend>
        <label for="prop-other-name">Name</label>{' '}
        <input
          id="prop-other-name"
          type="text"
          value={other.name}
          onInput={(e) => setOther({ ...other, name: (e.target as HTMLInputElement).value })}
        />{' '}
        <label for="prop-other-type">Type</label>{' '}
        <select
          id="prop-other-type"
          value={other.type}
          onChange={(e) =>
            setOther({ ...other, type: (e.target as HTMLSelectElement).value, raw: '' })
          }
        >
          {Object.keys(view.parameterTypes).map((t) => (
            <option value={t}>{t}</option>
          ))}
        </select>{' '}
        <label for={OTHER_ID}>Value</label>{' '}
        {other.type === 'StringCollection' ? (
          <textarea
            id={OTHER_ID}
            rows={3}
            value={String(other.raw)}
            onInput={(e) => setOther({ ...other, raw: (e.target as HTMLTextAreaElement).value })}
            aria-describedby="prop-other-help prop-other-msg"
          />
        ) : (
          <input
            id={OTHER_ID}
            type="text"
            value={String(other.raw)}
            onInput={(e) => setOther({ ...other, raw: (e.target as HTMLInputElement).value })}
            aria-describedby="prop-other-help prop-other-msg"
          />
        )}
        <p id="prop-other-help" class="help">
          A property the schema does not declare; the library decides whether it is accepted.
          {other.type === 'StringCollection'
            ? ' One item per line.'
            : other.type === 'ByteArray'
              ? ' Bytes in hex.'
              : ''}
        </p>
        <p id="prop-other-msg" class="msg refused" role="status" aria-live="polite">
          {other.name &&
            (reasons[other.name.trim()]
              ? `Refused by the library: ${reasons[other.name.trim()]}`
              : (pending.invalid[other.name] ?? ''))}
        </p>
      </fieldset>
      <p>
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </p>
      {preview.length > 0 && <PowerShell commands={preview} title="PowerShell for this change" />}
      {result && result.powershell.length > 0 && (
        <PowerShell commands={result.powershell} title="PowerShell equivalent of what was sent" />
      )}
      <h2>Read-only properties</h2>
      {readOnly.map((f, i) => (
        <PropertyField
          id={`prop-ro-${i}`}
          prop={f.schema}
          parameterType={f.parameterType}
          raw={formValue(f.schema, f.value)}
          onInput={() => undefined}
        />
      ))}
      {view.unknown.length > 0 && (
        <section>
          <h2>Stored properties the schema does not declare</h2>
          <ul>
            {view.unknown.map((u) => (
              <li>
                {u.name} ({u.type}): {JSON.stringify(u.value)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <PowerShell commands={view.powershell} title="PowerShell to read them" />
    </form>
  );
}
