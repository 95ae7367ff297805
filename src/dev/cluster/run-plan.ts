/**
 * What `clusterkit run` starts, from its flags and a config file (flags win), checked against
 * the built type's schema before anything runs: property values typed, required properties
 * given, and the dependencies the type requires modeled or warned about.
 */
import type { Schema } from '../../bundle/sdk/schema.js';
import { ClusterError } from './errors.js';
import { ResourceTypes } from './resource-types.js';
import type { RunPlan } from './run-config.js';
import { missingRequired, parseSetTexts, setExample, typedProps } from './set-values.js';

export interface PlanInputs {
  typeId: string;
  schema: Schema;
  /** The config file's contents (readRunConfig) and its name for errors. */
  config?: Partial<RunPlan>;
  configFile?: string;
  /** Every `--set` text, in order. */
  sets?: readonly string[];
  /** `--resources A,B`: these, each in its own group, instead of the config's. */
  resources?: readonly string[];
  nodes?: string[] | number;
  timeScale?: number;
  /** `--unregistered`: no resource unless named. */
  unregistered?: boolean;
}

const bad = (msg: string) => new ClusterError('BAD_SETTING', msg);

export function makePlan(i: PlanInputs): RunPlan {
  const props = i.schema.properties;
  const sets = parseSetTexts(i.sets ?? [], props);
  const file = i.configFile ?? 'the run config';
  const listed: RunPlan['resources'] = i.resources?.length
    ? i.resources.map((name) => ({ name }))
    : (i.config?.resources ?? (i.unregistered ? [] : [{ name: `${i.typeId}1` }]));
  const types = new ResourceTypes(i.schema.type, i.schema.requiredDependencies.types);
  const resources = listed.map((r, n) => {
    if (isStandIn(r, i.schema)) {
      types.standIn(r.type, true);
      if (r.props && Object.keys(r.props).length > 0)
        throw bad(
          `${file}: resources[${n}] "${r.name}" stands in for a resource of type "${r.type}", which has no properties here; drop its "props"`,
        );
      return { ...r, type: r.type };
    }
    const { type: _type, ...rest } = r;
    const own = r.props ? typedProps(r.props, props, `${file} resources[${n}].props`) : {};
    return { ...rest, props: { ...own, ...sets } };
  });
  return {
    nodes: i.nodes ?? i.config?.nodes ?? 2,
    timeScale: i.timeScale ?? i.config?.timeScale ?? 1,
    groups: i.config?.groups ?? [],
    resources,
  };
}

/** A resource of another type than the built one: the cluster plays it (docs/rhs-behaviour.md). */
export function isStandIn(r: { type?: string }, schema: Schema): r is { type: string } {
  return r.type !== undefined && r.type.toLowerCase() !== schema.type.toLowerCase();
}

/**
 * Resources of the built type that would be brought online without a required property:
 * the library refuses each Online, so the cluster would restart and fail over in a loop.
 */
export function checkRequired(plan: RunPlan, schema: Schema): void {
  for (const r of plan.resources) {
    if (isStandIn(r, schema)) continue;
    const missing = missingRequired(schema.properties, r.props ?? {});
    if (missing.length === 0) continue;
    const names = missing.map((p) => p.name).join(', ');
    throw bad(
      `resource ${r.name} has no value for the required ${missing.length > 1 ? 'properties' : 'property'} ${names}: ` +
        `pass --set ${setExample(missing)} (or "props" in a --config file)`,
    );
  }
}

/** Storage and network: the classes of the built-in types a stand-in can play. */
const CLASS_OF_TYPE: Readonly<Record<string, number>> = {
  'physical disk': 1,
  'storage pool': 1,
  'ip address': 2,
  'ipv6 address': 2,
  'network name': 2,
};
const CLASS_NAME: Readonly<Record<number, string>> = { 1: 'storage', 2: 'network' };

/**
 * One warning per resource of the built type that lacks a dependency the type requires
 * (GET_REQUIRED_DEPENDENCIES): on a cluster it could not be brought online that way.
 */
export function dependencyWarnings(plan: RunPlan, schema: Schema): string[] {
  const { types, classes } = schema.requiredDependencies;
  if (types.length === 0 && classes.length === 0) return [];
  const typeOf = new Map(
    plan.resources.map((r) => [r.name.toLowerCase(), isStandIn(r, schema) ? r.type : schema.type]),
  );
  const out: string[] = [];
  for (const r of plan.resources) {
    if (isStandIn(r, schema)) continue;
    const providers = (r.dependsOn ?? []).map((d) => typeOf.get(d.toLowerCase()) ?? '');
    const lacking = [
      ...types
        .filter((t) => !providers.some((p) => p.toLowerCase() === t.toLowerCase()))
        .map((t) => `a resource of type "${t}"`),
      ...classes
        .filter((c) => !providers.some((p) => CLASS_OF_TYPE[p.toLowerCase()] === c))
        .map((c) => `a resource of class ${CLASS_NAME[c] ?? c}`),
    ];
    if (lacking.length === 0) continue;
    const example = types[0] ?? (classes[0] === 2 ? 'IP Address' : 'Physical Disk');
    out.push(
      `${r.name} has no dependency on ${lacking.join(' or ')}, which ${schema.type} requires: a cluster ` +
        `would not bring it online. Model one in a --config file: "resources": [{"name": "Provider1", "type": "${example}", "group": "G"}, ` +
        `{"name": ${JSON.stringify(r.name)}, "group": "G", "dependsOn": ["Provider1"]}] (docs/rhs-behaviour.md)`,
    );
  }
  return out;
}
