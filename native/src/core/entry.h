/* entry.h - the Resource API entry points the function tables point at (entry.c, worker.c). */
#ifndef CK_ENTRY_H
#define CK_ENTRY_H

#include "ck_resapi.h"

RESID WINAPI ck__entry_open(LPCWSTR name, HKEY key, RESOURCE_HANDLE handle);
RESID WINAPI ck__entry_open_v2(LPCWSTR name, HKEY key, RESOURCE_HANDLE handle, DWORD flags);
VOID WINAPI ck__entry_close(RESID resid);
DWORD WINAPI ck__entry_online(RESID resid, LPHANDLE event_handle);
DWORD WINAPI ck__entry_online_v2(RESID resid, LPHANDLE event_handle, DWORD flags, PBYTE in,
                                 DWORD in_size, DWORD reserved);
DWORD WINAPI ck__entry_offline(RESID resid);
DWORD WINAPI ck__entry_offline_v2(RESID resid, LPCWSTR destination, DWORD flags, PBYTE in,
                                  DWORD in_size, DWORD reserved);
VOID WINAPI ck__entry_terminate(RESID resid);
BOOL WINAPI ck__entry_looks_alive(RESID resid);
BOOL WINAPI ck__entry_is_alive(RESID resid);
DWORD WINAPI ck__entry_resource_control(RESID resid, DWORD code, PVOID in, DWORD in_size, PVOID out,
                                        DWORD out_size, LPDWORD returned);
DWORD WINAPI ck__entry_type_control(LPCWSTR type_name, DWORD code, PVOID in, DWORD in_size,
                                    PVOID out, DWORD out_size, LPDWORD returned);
DWORD WINAPI ck__entry_cancel(RESID resid, DWORD flags);

#endif /* CK_ENTRY_H */
