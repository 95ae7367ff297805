import { ClusterError } from './errors.js';

/** A registered resource type, as Add-ClusterResourceType leaves it. */
export interface RegisteredType {
  name: string;
  displayName: string;
  /** The DllName the administrator registered (the library actually loaded is the local build). */
  dllName: string;
}

/**
 * Types built into Windows Server failover clusters that the local cluster plays itself
 * (stand-ins: online and offline at once, no library), so a dependency can be modeled.
 */
export const BUILT_IN_STAND_INS: readonly string[] = [
  'Physical Disk',
  'Storage Pool',
  'IP Address',
  'IPv6 Address',
  'Network Name',
  'Generic Application',
  'Generic Service',
  'File Server',
];

/**
 * The cluster's resource types (CreateClusterResourceType / DeleteClusterResourceType). A local
 * cluster loads one library, so only the type built from the handler can be registered; the
 * built-in types above, and the ones the built type depends on, exist as stand-ins.
 */
export class ResourceTypes {
  private readonly types = new Map<string, RegisteredType>();
  private readonly standIns: readonly string[];

  constructor(
    private readonly loadable: string,
    requiredTypes: readonly string[] = [],
  ) {
    this.standIns = [...BUILT_IN_STAND_INS, ...requiredTypes].filter(
      (t) => t.toLowerCase() !== loadable.toLowerCase(),
    );
  }

  /** The spelling of a type the cluster stands in for, or undefined (UNKNOWN_TYPE when `strict`). */
  standIn(name: string, strict = false): string | undefined {
    const found = this.standIns.find((t) => t.toLowerCase() === name.toLowerCase());
    if (!found && strict)
      throw new ClusterError(
        'UNKNOWN_TYPE',
        `the local cluster runs the type "${this.loadable}" and stands in for ${this.standIns.map((t) => `"${t}"`).join(', ')}; it has no type "${name}"`,
      );
    return found;
  }

  list(): RegisteredType[] {
    return [...this.types.values()];
  }

  get(name: string): RegisteredType | undefined {
    return this.types.get(name.toLowerCase());
  }

  /** The type, or UNKNOWN_TYPE naming what is registered. */
  require(name: string): RegisteredType {
    const t = this.get(name);
    if (!t)
      throw new ClusterError(
        'UNKNOWN_TYPE',
        `the resource type "${name}" is not registered; registered types: ${this.names()}`,
      );
    return t;
  }

  add(t: RegisteredType): RegisteredType {
    if (this.get(t.name))
      throw new ClusterError('TYPE_EXISTS', `the resource type "${t.name}" is already registered`);
    if (t.name.toLowerCase() !== this.loadable.toLowerCase())
      throw new ClusterError(
        'UNKNOWN_TYPE',
        `this local cluster runs only the type built from its handler, "${this.loadable}"; it cannot register "${t.name}"`,
      );
    const entry = { ...t, name: this.loadable };
    this.types.set(entry.name.toLowerCase(), entry);
    return entry;
  }

  /** Removes a type; refused (as on Windows) while resources of it exist. */
  remove(name: string, resourcesOfType: string[]): void {
    const t = this.require(name);
    if (resourcesOfType.length > 0)
      throw new ClusterError(
        'TYPE_IN_USE',
        `resources of type "${t.name}" still exist (${resourcesOfType.join(', ')}); remove them first`,
      );
    this.types.delete(t.name.toLowerCase());
  }

  private names(): string {
    return (
      this.list()
        .map((t) => t.name)
        .join(', ') || '(none)'
    );
  }
}
