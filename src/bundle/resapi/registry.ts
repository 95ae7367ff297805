/**
 * Registry value types the cluster database stores properties as (winnt.h), mirroring the
 * CK_REG_* macros of native/include/ck_resapi.h.
 */
export const REG_NONE = 0;
export const REG_SZ = 1;
export const REG_EXPAND_SZ = 2;
export const REG_BINARY = 3;
export const REG_DWORD = 4;
export const REG_MULTI_SZ = 7;
export const REG_QWORD = 11;
