/**
 * The agent's `meta-data` XML (docs/ocf.md), built from the schema at build time and
 * compiled into the agent. A type with live properties needs OCF 1.1 (`reloadable`, the
 * `reload-agent` action) and then gets its choices as `select` too; that metadata validates
 * against the OCF 1.1 RELAX NG schema that pcs ships, not against the 1.0 ra-api-1.dtd that
 * ocf-tester checks. Every other type gets 1.0 metadata, valid against both.
 */
import type { Schema, SchemaProperty } from '../src/bundle/sdk/schema.js';
import { ocfParams, type OcfParam } from './ocf-params.js';

/** Seconds, rounded up, for an advisory action timeout or interval. */
function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

/** XML text and attribute values: the five special characters, and no control characters. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(
      /[&<>"']/g,
      (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
    );
}

/** True when a writable property applies while online: the agent has reload-agent. */
export function hasLiveProperties(schema: Schema): boolean {
  return schema.properties.some((p) => p.live && !p.readOnly);
}

export function ocfMetadata(schema: Schema, agentName: string): string {
  const t = schema.timeouts;
  const v11 = hasLiveProperties(schema);
  const lines = [
    '<?xml version="1.0"?>',
    // ocf-tester validates 1.0 metadata against this DTD by name, as resource-agents' own do.
    ...(v11 ? [] : ['<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">']),
    `<resource-agent name="${xmlEscape(agentName)}" version="${xmlEscape(schema.version)}">`,
    `<version>${v11 ? '1.1' : '1.0'}</version>`,
    `<longdesc lang="en">${xmlEscape(longDescription(schema))}</longdesc>`,
    `<shortdesc lang="en">${xmlEscape(schema.displayName)}</shortdesc>`,
    '<parameters>',
    ...ocfParams(schema).map((p) => parameter(p, v11)),
    '</parameters>',
    '<actions>',
    `<action name="start" timeout="${seconds(t.open + t.online + t.terminate)}"/>`,
    `<action name="stop" timeout="${seconds(t.offline + t.terminate + t.close)}"/>`,
    `<action name="monitor" timeout="${seconds(t.looksAlive + 1000)}" interval="${seconds(schema.pollIntervals.looksAlive)}" depth="0"/>`,
    `<action name="monitor" timeout="${seconds(t.isAlive + 1000)}" interval="${seconds(schema.pollIntervals.isAlive)}" depth="10"/>`,
    `<action name="validate-all" timeout="${seconds(t.open + t.control + 1000)}"/>`,
    // Pacemaker calls it instead of stop and start when only reloadable parameters changed.
    ...(v11
      ? [`<action name="reload-agent" timeout="${seconds(t.open + 2 * t.control + 1000)}"/>`]
      : []),
    '<action name="meta-data" timeout="5s"/>',
    '</actions>',
    '</resource-agent>',
    '',
  ];
  return lines.join('\n');
}

function longDescription(schema: Schema): string {
  return (
    `${schema.displayName} (cluster resource type "${schema.type}"), run by a clusterkit ` +
    'handler host that stays up between actions and keeps the managed application.'
  );
}

function parameter(p: OcfParam, v11: boolean): string {
  const defaultAttr = p.defaultText === undefined ? '' : ` default="${xmlEscape(p.defaultText)}"`;
  const reloadable = v11 ? ` reloadable="${p.prop.live ? 1 : 0}"` : '';
  const select = v11 && p.prop.choices !== undefined;
  const content = select
    ? [
        `<content type="select"${defaultAttr}>`,
        ...p.prop.choices!.map((c) => `<option value="${xmlEscape(c)}"/>`),
        '</content>',
      ]
    : [`<content type="${p.contentType}"${defaultAttr}/>`];
  return [
    `<parameter name="${p.name}" unique="0" required="${p.prop.required ? 1 : 0}"${reloadable}>`,
    `<longdesc lang="en">${xmlEscape(paramLongdesc(p))}</longdesc>`,
    `<shortdesc lang="en">${xmlEscape(shortdesc(p.prop))}</shortdesc>`,
    ...content,
    '</parameter>',
  ].join('\n');
}

function shortdesc(prop: SchemaProperty): string {
  const first = (prop.description ?? '').split(/(?<=[.!?])\s|\n/)[0].trim();
  return first || prop.name;
}

const KIND_TEXT: Record<string, string> = {
  dword: 'an unsigned 32-bit integer',
  long: 'a signed 32-bit integer',
  bool: 'true or false',
  string: 'a string',
  expandString: 'a string; %VARIABLES% are kept as written',
  multiString:
    'a list of strings separated by commas (write \\, for a comma and \\\\ for a backslash)',
  binary: 'bytes written as hexadecimal digits',
  ulargeInteger: 'an unsigned 64-bit integer in decimal',
  largeInteger: 'a signed 64-bit integer in decimal',
  choice: 'one of the listed texts, spelt exactly',
  secret:
    'a secret: the handler alone reads it; keep it out of the CIB with cibsecret (set it with "cibsecret set <resource> <parameter> <value>")',
};

function paramLongdesc(p: OcfParam): string {
  const parts: string[] = [];
  const description = p.prop.description?.trim();
  if (description) parts.push(/[.!?]$/.test(description) ? description : `${description}.`);
  const name = p.name === p.prop.name ? '' : ` (the cluster property "${p.prop.name}")`;
  parts.push(`Value: ${KIND_TEXT[p.prop.kind]}${name}.`);
  if (p.prop.min !== undefined || p.prop.max !== undefined)
    parts.push(`Range: ${p.prop.min ?? 'minimum'} to ${p.prop.max ?? 'maximum'}.`);
  if (p.prop.choices) parts.push(`Choices: ${p.prop.choices.join(', ')}.`);
  if (p.prop.live) parts.push('A change applies while the resource runs (reload-agent).');
  return parts.join(' ');
}
