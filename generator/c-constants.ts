/**
 * Every constant the generator writes into C that is not a Resource API value: the CK_PROP_*
 * flags and field names of native/include/clusterkit.h. Resource API values (formats,
 * classes) come from the ck_resapi.h mirror in src/bundle/resapi. test/c-mirror.test.ts
 * compiles clusterkit.h and compares both with what is written here.
 */
import {
  RESUTIL_PROPITEM_READ_ONLY,
  RESUTIL_PROPITEM_REQUIRED,
  RESUTIL_PROPITEM_SIGNED,
} from '../src/bundle/resapi/index.js';
import type { Timeouts } from '../src/bundle/sdk/schema.js';

/** The flags of ck_prop_desc.flags. */
export const CK_PROP_READ_ONLY = RESUTIL_PROPITEM_READ_ONLY;
export const CK_PROP_REQUIRED = RESUTIL_PROPITEM_REQUIRED;
export const CK_PROP_SIGNED = RESUTIL_PROPITEM_SIGNED;
export const CK_PROP_HAS_DEFAULT = 0x100;
export const CK_PROP_HAS_MIN = 0x200;
export const CK_PROP_HAS_MAX = 0x400;
export const CK_PROP_SECRET = 0x800;

/** The ck_timeouts field of each schema timeout, for designated initializers. */
export const CK_TIMEOUT_FIELDS: Readonly<Record<keyof Timeouts, string>> = Object.freeze({
  open: 'open',
  close: 'close',
  online: 'online',
  offline: 'offline',
  terminate: 'terminate',
  looksAlive: 'looks_alive',
  isAlive: 'is_alive',
  control: 'control',
  handshake: 'handshake',
});

/** The constants above as one table, for the test that compares them with clusterkit.h. */
export const C_CONSTANTS = Object.freeze({
  flags: Object.freeze({
    CK_PROP_READ_ONLY,
    CK_PROP_REQUIRED,
    CK_PROP_SIGNED,
    CK_PROP_HAS_DEFAULT,
    CK_PROP_HAS_MIN,
    CK_PROP_HAS_MAX,
    CK_PROP_SECRET,
  }),
  timeoutFields: CK_TIMEOUT_FIELDS,
});
