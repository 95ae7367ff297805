import { ClusterError } from './errors.js';

/** A registered resource type, as Add-ClusterResourceType leaves it. */
export interface RegisteredType {
  name: string;
  displayName: string;
  /** The DllName the administrator registered (the library actually loaded is the local build). */
  dllName: string;
}

/**
 * The cluster's resource types (CreateClusterResourceType / DeleteClusterResourceType). A local
 * cluster loads one library, so only the type built from the handler can be registered.
 */
export class ResourceTypes {
  private readonly types = new Map<string, RegisteredType>();

  constructor(private readonly loadable: string) {}

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
