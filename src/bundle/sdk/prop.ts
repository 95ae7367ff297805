/**
 * Property declarations: `prop.dword({ default: 7000 })` and friends. Each builder
 * returns a PropSpec that carries its kind at run time and, at compile time, the
 * options it was given, so ctx.props can be typed from the declaration.
 */

/** The property kinds of docs/schema.md (one list, in the property-list codec). */
import type { PropKind as Kind } from '../clusprop/kinds.js';
export type { Kind };

/** The JavaScript value type of each kind. */
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
}

/** Options every kind accepts. */
export interface PropOptions<T> {
  default?: T;
  required?: boolean;
  readOnly?: boolean;
  description?: string;
}

/** Options of the numeric kinds (dword, long, ulargeInteger, largeInteger). */
export interface RangePropOptions<T> extends PropOptions<T> {
  min?: T;
  max?: T;
}

/** A declared property. `O` is the literal options type, used only for typing. */
export interface PropSpec<K extends Kind = Kind, O = unknown> {
  readonly kind: K;
  readonly options: RangePropOptions<KindValue[K]>;
  /** Never set at run time: keeps the literal options type for inference. */
  readonly __options?: O;
}

/** Any declared property. */
export type AnyPropSpec = PropSpec<Kind, unknown>;

function builder<K extends Kind>(kind: K) {
  return <O extends PropOptions<KindValue[K]> = {}>(options?: O): PropSpec<K, O> =>
    Object.freeze({ kind, options: Object.freeze({ ...(options ?? {}) }) }) as PropSpec<K, O>;
}

function rangeBuilder<K extends Kind>(kind: K) {
  return <O extends RangePropOptions<KindValue[K]> = {}>(options?: O): PropSpec<K, O> =>
    Object.freeze({ kind, options: Object.freeze({ ...(options ?? {}) }) }) as PropSpec<K, O>;
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
});

/** The options literal of a spec. */
type OptionsOf<S> = S extends PropSpec<Kind, infer O> ? O : never;
/** The value type of a spec's kind. */
export type ValueOf<S> = S extends PropSpec<infer K, unknown> ? KindValue[K] : never;
/** true when the spec was declared with `readOnly: true`. */
export type IsReadOnly<S> = OptionsOf<S> extends { readOnly: true } ? true : false;
/** A value is always present when it has a default or is required. */
type AlwaysPresent<S> =
  OptionsOf<S> extends { default: unknown }
    ? true
    : OptionsOf<S> extends { required: true }
      ? true
      : false;

/** ctx.props: the read/write properties with their value types (defaults applied). */
export type PropsOf<P> = {
  readonly [K in keyof P as IsReadOnly<P[K]> extends true ? never : K]: AlwaysPresent<
    P[K]
  > extends true
    ? ValueOf<P[K]>
    : ValueOf<P[K]> | undefined;
};

/** What ctx.publish accepts: any subset of the read-only properties. */
export type PublishOf<P> = {
  [K in keyof P as IsReadOnly<P[K]> extends true ? K : never]?: ValueOf<P[K]>;
};
