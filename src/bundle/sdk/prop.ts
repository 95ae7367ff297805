/**
 * Property declarations: `prop.dword({ default: 7000 })` and friends. Each builder
 * returns a PropSpec that carries its kind at run time and, at compile time, the
 * options it was given, so ctx.props can be typed from the declaration.
 */

/** The property kinds of docs/schema.md (one list, in the property-list codec). */
import type { PropKind as Kind } from '../clusprop/kinds.js';
export type { Kind };

/** The JavaScript value type of each kind (a choice narrows to its declared choices). */
export interface KindValue {
  dword: number;
  long: number;
  bool: boolean;
  string: string;
  expandString: string;
  multiString: string[];
  binary: Uint8Array;
  ulargeInteger: bigint;
  largeInteger: bigint;
  choice: string;
  secret: string;
}

/** Options every kind accepts. */
export interface PropOptions<T> {
  default?: T;
  required?: boolean;
  readOnly?: boolean;
  description?: string;
  /**
   * The property applies while the resource is online (OCF calls it `reloadable`): a SET while
   * online hands it to `propertiesChanged` instead of waiting for the next online. Default
   * false: the value takes effect at the next online (docs/sdk.md, "Running values").
   */
  live?: boolean;
}

/** Options of the numeric kinds (dword, long, ulargeInteger, largeInteger). */
export interface RangePropOptions<T> extends PropOptions<T> {
  min?: T;
  max?: T;
}

/** Options of a secret: no default (it would sit in the bundle and the library) and never read-only. */
export interface SecretPropOptions {
  required?: boolean;
  description?: string;
  live?: boolean;
}

/** A declared property. `O` is the literal options type, used only for typing. */
export interface PropSpec<K extends Kind = Kind, O = unknown> {
  readonly kind: K;
  readonly options: RangePropOptions<KindValue[K]> & { readonly choices?: readonly string[] };
  /** Never set at run time: keeps the literal options type for inference. */
  readonly __options?: O;
}

/** Any declared property. */
export type AnyPropSpec = PropSpec<Kind, unknown>;

function spec<K extends Kind, O>(kind: K, options: object | undefined): PropSpec<K, O> {
  return Object.freeze({ kind, options: Object.freeze({ ...(options ?? {}) }) }) as PropSpec<K, O>;
}

function builder<K extends Kind>(kind: K) {
  return <O extends PropOptions<KindValue[K]> = {}>(options?: O): PropSpec<K, O> =>
    spec(kind, options);
}

function rangeBuilder<K extends Kind>(kind: K) {
  return <O extends RangePropOptions<KindValue[K]> = {}>(options?: O): PropSpec<K, O> =>
    spec(kind, options);
}

/**
 * `prop.choice(['smart', 'fast', 'immediate'], { default: 'fast' })`: text that must be one of
 * the choices, compared exactly (case included) by the property table.
 */
function choice<
  const C extends readonly [string, ...string[]],
  O extends PropOptions<C[number]> = {},
>(choices: C, options?: O): PropSpec<'choice', O & { choices: C }> {
  const list = Array.isArray(choices) ? Object.freeze([...choices]) : choices;
  return spec('choice', { ...(options ?? {}), choices: list });
}

/** `prop.secret({ required: true })`: text GET never returns and logs never print. */
function secret<O extends SecretPropOptions = {}>(options?: O): PropSpec<'secret', O> {
  return spec('secret', options);
}

/** Builders for every property kind. */
export const prop = Object.freeze({
  /** 32-bit unsigned number (CLUSPROP_FORMAT_DWORD). */
  dword: rangeBuilder('dword'),
  /** 32-bit signed number (CLUSPROP_FORMAT_LONG). */
  long: rangeBuilder('long'),
  /** Boolean, stored as a DWORD 0/1. */
  bool: builder('bool'),
  /** Text (CLUSPROP_FORMAT_SZ). */
  string: builder('string'),
  /** Text with %VARIABLES% (CLUSPROP_FORMAT_EXPAND_SZ); the handler sees the raw text. */
  expandString: builder('expandString'),
  /** List of strings (CLUSPROP_FORMAT_MULTI_SZ). */
  multiString: builder('multiString'),
  /** Bytes (CLUSPROP_FORMAT_BINARY). */
  binary: builder('binary'),
  /** 64-bit unsigned number as a bigint (CLUSPROP_FORMAT_ULARGE_INTEGER). */
  ulargeInteger: rangeBuilder('ulargeInteger'),
  /** 64-bit signed number as a bigint (CLUSPROP_FORMAT_LARGE_INTEGER). */
  largeInteger: rangeBuilder('largeInteger'),
  /** One of a fixed list of texts (an SZ the property table checks). */
  choice,
  /** A password or token: an SZ that GET leaves out, kept protected, readable by the handler only. */
  secret,
});

/** The options literal of a spec. */
type OptionsOf<S> = S extends PropSpec<Kind, infer O> ? O : never;
/** The value type of a spec's kind: a choice's declared texts, else the kind's value type. */
export type ValueOf<S> =
  S extends PropSpec<'choice', infer O>
    ? O extends { choices: readonly (infer V)[] }
      ? V
      : string
    : S extends PropSpec<infer K, unknown>
      ? KindValue[K]
      : never;
/** true when the spec was declared with `readOnly: true`. */
export type IsReadOnly<S> = OptionsOf<S> extends { readOnly: true } ? true : false;
/** The spec has a default. */
type HasDefault<S> = OptionsOf<S> extends { default: unknown } ? true : false;
/** A value is always present when it has a default or is required. */
type AlwaysPresent<S> =
  HasDefault<S> extends true ? true : OptionsOf<S> extends { required: true } ? true : false;

/** The writable keys of a declaration. */
type WritableKeys<P> = {
  [K in keyof P]: IsReadOnly<P[K]> extends true ? never : K;
}[keyof P];

/**
 * ctx.props: the read/write properties with their value types (defaults applied). Online never
 * starts without a required property, so during a call that property is present.
 */
export type PropsOf<P> = {
  readonly [K in WritableKeys<P>]: AlwaysPresent<P[K]> extends true
    ? ValueOf<P[K]>
    : ValueOf<P[K]> | undefined;
};

/**
 * What validate() is given: the would-be values, defaults applied. A required property is
 * `undefined` until an administrator sets it, so only a default makes a value certain.
 */
export type ValidatePropsOf<P> = {
  readonly [K in WritableKeys<P>]: HasDefault<P[K]> extends true
    ? ValueOf<P[K]>
    : ValueOf<P[K]> | undefined;
};

/** What ctx.publish accepts: any subset of the read-only properties. */
export type PublishOf<P> = {
  [K in keyof P as IsReadOnly<P[K]> extends true ? K : never]?: ValueOf<P[K]>;
};
