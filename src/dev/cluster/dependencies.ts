import { ClusterError, DependencyCycleError } from './errors.js';

/** Resource name → the names of the resources it depends on (its providers), same group. */
export type DependencyMap = ReadonlyMap<string, readonly string[]>;

const key = (n: string) => n.toLowerCase();

/**
 * Online order: every provider before its dependents (bottom-up), otherwise in the given
 * order. Refuses a dependency on a resource outside `resources` and any cycle.
 */
export function onlineOrder(resources: readonly string[], deps: DependencyMap): string[] {
  const byKey = new Map(resources.map((r) => [key(r), r]));
  const depsByKey = new Map<string, string[]>();
  for (const [name, providers] of deps) {
    if (!byKey.has(key(name))) continue;
    for (const p of providers) {
      if (!byKey.has(key(p))) {
        throw new ClusterError(
          'UNKNOWN_DEPENDENCY',
          `resource "${name}" depends on "${p}", which is not in its group; add "${p}" to the group or remove the dependency`,
        );
      }
    }
    depsByKey.set(
      key(name),
      providers.map((p) => byKey.get(key(p))!),
    );
  }
  const done = new Set<string>();
  const path: string[] = [];
  const out: string[] = [];
  const visit = (r: string) => {
    if (done.has(key(r))) return;
    const at = path.findIndex((p) => key(p) === key(r));
    if (at >= 0) throw new DependencyCycleError([...path.slice(at), r]);
    path.push(r);
    for (const p of depsByKey.get(key(r)) ?? []) visit(p);
    path.pop();
    done.add(key(r));
    out.push(r);
  };
  for (const r of resources) visit(r);
  return out;
}

/** Offline order: dependents before their providers (top-down). */
export function offlineOrder(resources: readonly string[], deps: DependencyMap): string[] {
  return onlineOrder(resources, deps).reverse();
}

/** Every resource that depends on `name`, directly or not, in offline (top-down) order. */
export function dependentsOf(
  name: string,
  resources: readonly string[],
  deps: DependencyMap,
): string[] {
  const hit = new Set<string>([key(name)]);
  const order = onlineOrder(resources, deps);
  for (const r of order) {
    if ((deps.get(r) ?? []).some((p) => hit.has(key(p)))) hit.add(key(r));
  }
  return order.filter((r) => key(r) !== key(name) && hit.has(key(r))).reverse();
}

/** Every provider `name` needs, directly or not, in online (bottom-up) order. */
export function providersOf(
  name: string,
  resources: readonly string[],
  deps: DependencyMap,
): string[] {
  const need = new Set<string>([key(name)]);
  const order = onlineOrder(resources, deps);
  for (const r of [...order].reverse()) {
    if (need.has(key(r))) for (const p of deps.get(r) ?? []) need.add(key(p));
  }
  return order.filter((r) => key(r) !== key(name) && need.has(key(r)));
}
