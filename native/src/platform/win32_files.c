/*
 * win32_files.c - the DLL itself, its folder and the environment on Windows (see
 * platform.h).
 */
#include "platform/platform.h"

#include <stdlib.h>

#include "platform/win32_text.h"
#include "text.h"

/* RHS loads us with LoadLibrary; per-thread attach calls are of no use to us. */
BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH)
        DisableThreadLibraryCalls(instance);
    return TRUE;
}

/* ---- files, paths, environment ---- */

/* Any object of this module identifies it to GetModuleHandleExW (FROM_ADDRESS). */
static const char module_anchor = 0;

int ck__module_dir(char *buf, size_t cap) {
    HMODULE mod = NULL;
    if (buf == NULL || cap == 0)
        return CK_ERR_INVALID_ARG;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                                GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (LPCWSTR)(const void *)&module_anchor, &mod))
        return CK_ERR_IO;
    WCHAR *path = malloc(CK__WPATH_MAX * sizeof(WCHAR));
    if (path == NULL)
        return CK_ERR_NOMEM;
    DWORD n = GetModuleFileNameW(mod, path, CK__WPATH_MAX);
    int rc = CK_ERR_IO;
    if (n > 0 && n < CK__WPATH_MAX) {
        WCHAR *sep = NULL;
        for (WCHAR *q = path; *q; q++)
            if (*q == L'\\' || *q == L'/')
                sep = q;
        if (sep != NULL) {
            *sep = 0;
            rc = ck__utf16_to_utf8_strict(path, buf, cap);
        }
    }
    free(path);
    return rc;
}

const char *ck__getenv(const char *name) {
    return ck__env_utf8(name);
}

char **ck__env_copy(int (*drop)(const char *entry)) {
    WCHAR *block = GetEnvironmentStringsW();
    if (block == NULL)
        return NULL;
    size_t count = 0, kept = 0;
    for (const WCHAR *e = block; *e != 0; e += ck__wcslen(e) + 1)
        count++;
    char **out = calloc(count + 1, sizeof *out);
    for (const WCHAR *e = block; out != NULL && *e != 0; e += ck__wcslen(e) + 1) {
        char *entry = ck__utf16_to_utf8(e);
        if (entry == NULL) {
            ck__env_free(out);
            out = NULL;
        } else if (drop != NULL && drop(entry)) {
            free(entry);
        } else {
            out[kept++] = entry;
        }
    }
    FreeEnvironmentStringsW(block);
    return out;
}

void ck__env_free(char **env) {
    for (size_t i = 0; env != NULL && env[i] != NULL; i++)
        free(env[i]);
    free(env);
}

/* ExpandEnvironmentStrings does what the cluster does with an EXPAND_SZ value. */
int ck__expand_env(const uint8_t *in, size_t cb, uint8_t **out, size_t *out_cb) {
    if (in == NULL || out == NULL || out_cb == NULL || cb < 2 || cb % 2 != 0)
        return CK_ERR_INVALID_ARG;
    DWORD need = ExpandEnvironmentStringsW((LPCWSTR)(const void *)in, NULL, 0);
    if (need == 0)
        return CK_ERR_IO;
    WCHAR *buf = malloc((size_t)need * sizeof(WCHAR));
    if (buf == NULL)
        return CK_ERR_NOMEM;
    DWORD got = ExpandEnvironmentStringsW((LPCWSTR)(const void *)in, buf, need);
    if (got == 0 || got > need) {
        free(buf);
        return CK_ERR_IO;
    }
    *out = (uint8_t *)buf;
    *out_cb = (size_t)got * sizeof(WCHAR);
    return CK_OK;
}
