/** defineResourceType: the one entry of a handler file. */
import type { ResourceContext } from './context.js';
import { SchemaError } from './errors.js';
import type { AnyPropSpec, PropsOf } from './prop.js';
import { buildSchema, type PollIntervals, type Schema, type Timeouts } from './schema.js';

type MaybePromise<T> = T | Promise<T>;

/** A custom control: function number → (ctx, input bytes) → output (a string is sent as UTF-8). */
export type ControlHandler<P> = (
  ctx: ResourceContext<P>,
  input: Uint8Array,
) => MaybePromise<Uint8Array | string | void>;

/** What a handler file passes to defineResourceType. */
export interface ResourceTypeOptions<P extends Record<string, AnyPropSpec>> {
  type: string;
  displayName?: string;
  version?: string;
  properties: P;
  typeProperties?: Record<string, AnyPropSpec>;
  open?(ctx: ResourceContext<P>): MaybePromise<void>;
  close?(ctx: ResourceContext<P>): MaybePromise<void>;
  /** Resolve = Online; throw = Failed (ResourceError carries a Win32 code). */
  online(ctx: ResourceContext<P>): MaybePromise<void>;
  offline(ctx: ResourceContext<P>): MaybePromise<void>;
  /** Must be quick; managed processes are killed whether or not it finishes. */
  terminate?(ctx: ResourceContext<P>): MaybePromise<void>;
  /**
   * Cheap check; absent = "online and not failed". A throw counts as false.
   *
   * Not polled: a clusterkit library returns an event handle from Online (so `ctx.fail`
   * reaches RHS at once), and RHS polls only IsAlive for such a resource. It runs when a tool
   * asks for it (the harness's `res.looksAlive()`, `clusterkit verify`). Report failures with
   * `ctx.fail(reason)` and make `isAlive` the real check (docs/sdk.md, "Health checks").
   */
  looksAlive?(ctx: ResourceContext<P>): MaybePromise<boolean>;
  /** Thorough check, polled every IsAlivePollInterval (60 s by default). A throw counts as false. */
  isAlive(ctx: ResourceContext<P>): MaybePromise<boolean>;
  /** Cross-field check of the complete would-be properties: throw or return a message to reject. */
  validate?(props: PropsOf<P>): MaybePromise<string | void>;
  /** Properties were changed while online; ctx.props already holds the new values. */
  propertiesChanged?(ctx: ResourceContext<P>): MaybePromise<void>;
  controls?: { [functionNumber: number]: ControlHandler<P> };
  requiredDependencies?: { types?: string[]; classes?: number[] };
  characteristics?: number;
  resourceClass?: number;
  resourceSubclass?: number;
  timeouts?: Partial<Timeouts>;
  pollIntervals?: Partial<PollIntervals>;
  /**
   * ms between automatic PROGRESS events while online/offline runs (default 0 = off). On, they
   * keep RHS's PendingTimeout from ending a hung call, so only timeouts.online/offline does.
   */
  progressInterval?: number;
}

/** Marks definition objects, shared across copies of the SDK (bundled or installed). */
export const DEFINITION_MARK: unique symbol = Symbol.for(
  'clusterkit.resourceTypeDefinition',
) as never;

/** The result of defineResourceType: the handlers plus the derived schema. */
export type ResourceTypeDefinition<
  P extends Record<string, AnyPropSpec> = Record<string, AnyPropSpec>,
> = Readonly<ResourceTypeOptions<P>> & {
  readonly schema: Schema;
  readonly [DEFINITION_MARK]: true;
};

const HANDLERS = [
  'open',
  'close',
  'online',
  'offline',
  'terminate',
  'looksAlive',
  'isAlive',
  'validate',
  'propertiesChanged',
] as const;
const REQUIRED_HANDLERS = new Set(['online', 'offline', 'isAlive']);

function checkHandlers(options: Record<string, unknown>): void {
  for (const name of HANDLERS) {
    const fn = options[name];
    if (fn === undefined && !REQUIRED_HANDLERS.has(name)) continue;
    if (typeof fn !== 'function') {
      throw new SchemaError(
        'MISSING_HANDLER',
        `${name} must be a function${REQUIRED_HANDLERS.has(name) ? ' (online, offline and isAlive are required)' : ''}`,
      );
    }
  }
}

/** Declares a resource type; throws SchemaError when the declaration breaks a schema rule. */
export function defineResourceType<P extends Record<string, AnyPropSpec>>(
  options: ResourceTypeOptions<P>,
): ResourceTypeDefinition<P> {
  if (options === null || typeof options !== 'object') {
    throw new SchemaError(
      'BAD_OPTION',
      'defineResourceType needs an object: { type, properties, online, offline, isAlive }',
    );
  }
  const schema = buildSchema(options as never);
  checkHandlers(options as unknown as Record<string, unknown>);
  return Object.freeze({ ...options, schema, [DEFINITION_MARK]: true as const });
}

/** True for objects made by defineResourceType (from any copy of the SDK). */
export function isResourceTypeDefinition(value: unknown): value is ResourceTypeDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[DEFINITION_MARK] === true
  );
}
