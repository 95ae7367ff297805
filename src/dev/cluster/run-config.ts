import { readFileSync } from 'node:fs';
import { ClusterError } from './errors.js';
import type { GroupPolicy, ResourcePolicy } from './settings.js';

/** What `clusterkit run` starts: from flags, or a small JSON file (documented in docs/rhs-behaviour.md). */
export interface RunPlan {
  nodes: string[] | number;
  timeScale: number;
  groups: { name: string; preferredOwners?: string[]; policy?: Partial<GroupPolicy> }[];
  resources: {
    name: string;
    /**
     * Another resource type (e.g. "Physical Disk"): a stand-in the local cluster plays itself,
     * so a dependency the type requires can be modeled. Absent: the built type.
     */
    type?: string;
    group?: string;
    props?: Record<string, unknown>;
    dependsOn?: string[];
    policy?: Partial<ResourcePolicy>;
  }[];
}

const bad = (msg: string) => new ClusterError('BAD_SETTING', msg);

/** `--nodes 3` or `--nodes a,b,c`. A name starts with a letter, so a number is always a count. */
export function parseNodes(v: string): string[] | number {
  const count = v.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(count)) {
    const n = Number(count);
    if (!/^\d+$/.test(count) || n < 1 || n > 16)
      throw bad(`--nodes ${v}: give 1..16 nodes, or a comma-separated list of names`);
    return n;
  }
  const names = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0 || names.some((n) => !/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/.test(n))) {
    throw bad(
      `--nodes ${v}: node names are 1..32 letters, digits, '_', '-' or '.', starting with a letter, separated by commas`,
    );
  }
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length)
    throw bad(`--nodes ${v}: a node name is repeated`);
  return names;
}

/** Reads and checks a run config file. Unknown keys are refused, so a typo cannot pass silently. */
export function readRunConfig(file: string): Partial<RunPlan> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw bad(
      `cannot read the run config ${file}: ${(e as Error).message}; it must be a JSON object`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw bad(`the run config ${file} must be a JSON object`);
  const o = data as Record<string, unknown>;
  only(o, ['nodes', 'timeScale', 'groups', 'resources'], file);
  if (o.timeScale !== undefined && (typeof o.timeScale !== 'number' || !(o.timeScale > 0)))
    throw bad(`${file}: timeScale must be a positive number`);
  if (o.nodes !== undefined && typeof o.nodes !== 'number' && !isStrings(o.nodes))
    throw bad(`${file}: nodes must be a number or an array of names`);
  for (const [i, g] of list(o.groups, 'groups', file).entries()) {
    only(g, ['name', 'preferredOwners', 'policy'], `${file} groups[${i}]`);
    if (typeof g.name !== 'string') throw bad(`${file}: groups[${i}] needs a "name"`);
  }
  for (const [i, r] of list(o.resources, 'resources', file).entries()) {
    only(r, ['name', 'type', 'group', 'props', 'dependsOn', 'policy'], `${file} resources[${i}]`);
    if (typeof r.name !== 'string' || r.name === '')
      throw bad(`${file}: resources[${i}] needs a "name"`);
    if (r.type !== undefined && (typeof r.type !== 'string' || r.type.trim() === ''))
      throw bad(`${file}: resources[${i}].type must be a resource type name, e.g. "Physical Disk"`);
    if (
      r.props !== undefined &&
      (!r.props || typeof r.props !== 'object' || Array.isArray(r.props))
    )
      throw bad(`${file}: resources[${i}].props must be an object of property values`);
    if (r.dependsOn !== undefined && !isStrings(r.dependsOn))
      throw bad(`${file}: resources[${i}].dependsOn must be an array of resource names`);
  }
  return o as Partial<RunPlan>;
}

function only(o: Record<string, unknown>, keys: string[], where: string): void {
  const extra = Object.keys(o).filter((k) => !keys.includes(k));
  if (extra.length)
    throw bad(`${where}: unknown key(s) ${extra.join(', ')}; allowed: ${keys.join(', ')}`);
}

function list(v: unknown, what: string, file: string): Record<string, unknown>[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => !x || typeof x !== 'object'))
    throw bad(`${file}: ${what} must be an array of objects`);
  return v as Record<string, unknown>[];
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
