/**
 * Control codes (ClusApi.h) as declared in native/include/ck_resapi.h, and the formula of a
 * custom control code. A code is `(object << 24) | flags | (function << 2) | access`.
 */
export const CLUS_ACCESS_ANY = 0;
export const CLUS_ACCESS_READ = 1;
export const CLUS_ACCESS_WRITE = 2;
export const CLUS_OBJECT_RESOURCE = 1;
export const CLUS_OBJECT_RESOURCE_TYPE = 2;
export const CLCTL_USER_BASE = 1 << 21;
export const CLCTL_INTERNAL_BIT = 1 << 20;
export const CLCTL_MODIFY_BIT = 1 << 22;
export const CLCTL_GLOBAL_BIT = 1 << 23;

export const CLUSCTL_RESOURCE_UNKNOWN = 0x01000000;
export const CLUSCTL_RESOURCE_GET_CHARACTERISTICS = 0x01000005;
export const CLUSCTL_RESOURCE_GET_FLAGS = 0x01000009;
export const CLUSCTL_RESOURCE_GET_CLASS_INFO = 0x0100000d;
export const CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES = 0x01000011;
export const CLUSCTL_RESOURCE_GET_NAME = 0x01000029;
export const CLUSCTL_RESOURCE_ENUM_COMMON_PROPERTIES = 0x01000051;
export const CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES = 0x01000059;
export const CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES = 0x01000079;
export const CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES = 0x0100007d;
export const CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES = 0x01000081;
export const CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES = 0x01400086;
export const CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES = 0x01000089;
export const CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS = 0x0100008d;
export const CLUSCTL_RESOURCE_DELETE = 0x01500006;
export const CLUSCTL_RESOURCE_SET_NAME = 0x01500026;

export const CLUSCTL_RESOURCE_TYPE_UNKNOWN = 0x02000000;
export const CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS = 0x02000005;
export const CLUSCTL_RESOURCE_TYPE_GET_FLAGS = 0x02000009;
export const CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO = 0x0200000d;
export const CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES = 0x02000011;
export const CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES = 0x02000079;
export const CLUSCTL_RESOURCE_TYPE_GET_RO_PRIVATE_PROPERTIES = 0x0200007d;
export const CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES = 0x02000081;
export const CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES = 0x02400086;
export const CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES = 0x02000089;
export const CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS = 0x0200008d;
export const CLUSCTL_RESOURCE_TYPE_STARTING_PHASE1 = 0x02500036;
export const CLUSCTL_RESOURCE_TYPE_STARTING_PHASE2 = 0x0250003a;

/** Custom control function numbers are 18 bits (code bits 2..19). */
export const MAX_CONTROL_FUNCTION = 0x3ffff;

/** CK_CLUSCTL_USER_CODE: the SDK formula (mingw's macro sets the global bit instead). */
export function clusctlUserCode(fn: number, object: number): number {
  return ((object << 24) | CLCTL_USER_BASE | (fn << 2)) >>> 0;
}

/** CK_CLUSCTL_FUNCTION: the function number of a control code. */
export function clusctlFunction(code: number): number {
  return (code >>> 2) & MAX_CONTROL_FUNCTION;
}

/** A custom resource control code for a handler's control function, with access bits. */
export function userControlCode(fn: number, access: 0 | 1 | 2 = CLUS_ACCESS_ANY): number {
  return (clusctlUserCode(fn, CLUS_OBJECT_RESOURCE) | access) >>> 0;
}
