/* win32_text.c - text helpers of the Windows platform layer (see win32_text.h). */
#include "platform/win32_text.h"

#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "text.h"

/* ---- environment ---- */

typedef struct env_entry {
    struct env_entry *next;
    char *name;
    char *value; /* never freed: callers may still hold it */
} env_entry;

static SRWLOCK env_lock = SRWLOCK_INIT;
static env_entry *env_cache;

static char *read_env(const char *name) {
    WCHAR *wname = ck__utf8_to_utf16_strict(name);
    if (wname == NULL)
        return NULL;
    char *out = NULL;
    DWORD need = GetEnvironmentVariableW(wname, NULL, 0);
    WCHAR *val = need > 0 ? malloc(need * sizeof(WCHAR)) : NULL;
    if (val != NULL && GetEnvironmentVariableW(wname, val, need) < need)
        out = ck__utf16_to_utf8(val);
    free(val);
    free(wname);
    return out;
}

const char *ck__env_utf8(const char *name) {
    if (name == NULL || name[0] == '\0')
        return NULL;
    char *now = read_env(name);
    if (now == NULL)
        return NULL;
    AcquireSRWLockExclusive(&env_lock);
    env_entry *e = env_cache;
    while (e != NULL && strcmp(e->name, name) != 0)
        e = e->next;
    const char *result = NULL;
    if (e != NULL && strcmp(e->value, now) == 0) {
        result = e->value;
        free(now);
    } else if (e != NULL) {
        e->value = now; /* the old copy is leaked on purpose, see the header */
        result = now;
    } else if ((e = calloc(1, sizeof *e)) != NULL && (e->name = _strdup(name)) != NULL) {
        e->value = now;
        e->next = env_cache;
        env_cache = e;
        result = now;
    } else {
        free(e);
        free(now);
    }
    ReleaseSRWLockExclusive(&env_lock);
    return result;
}

/* ---- command line and environment block ---- */

/* Appends one argument with the quoting rules of CommandLineToArgvW: backslashes are
 * literal unless they precede a quote; then they and the quote are escaped. */
static size_t quote_arg(const WCHAR *a, WCHAR *out) {
    size_t n = 0;
    int plain = a[0] != 0 && wcspbrk(a, L" \t\n\v\"") == NULL;
    if (plain) {
        size_t len = wcslen(a);
        if (out)
            memcpy(out, a, len * sizeof(WCHAR));
        return len;
    }
    if (out)
        out[n] = L'"';
    n++;
    for (const WCHAR *p = a;; p++) {
        size_t slashes = 0;
        while (*p == L'\\') {
            slashes++;
            p++;
        }
        size_t emit = *p == 0 ? slashes * 2 : *p == L'"' ? slashes * 2 + 1 : slashes;
        for (size_t i = 0; i < emit; i++, n++)
            if (out)
                out[n] = L'\\';
        if (*p == 0)
            break;
        if (out)
            out[n] = *p;
        n++;
    }
    if (out)
        out[n] = L'"';
    return n + 1;
}

WCHAR *ck__command_line(char *const argv[]) {
    if (argv == NULL || argv[0] == NULL)
        return NULL;
    size_t count = 0;
    while (argv[count] != NULL)
        count++;
    WCHAR **wide = calloc(count, sizeof *wide);
    WCHAR *line = NULL;
    size_t total = 1, i;
    if (wide == NULL)
        return NULL;
    for (i = 0; i < count; i++) {
        if ((wide[i] = ck__utf8_to_utf16_strict(argv[i])) == NULL)
            goto done;
        total += quote_arg(wide[i], NULL) + 1;
    }
    if ((line = malloc(total * sizeof(WCHAR))) != NULL) {
        size_t n = 0;
        for (i = 0; i < count; i++) {
            if (i > 0)
                line[n++] = L' ';
            n += quote_arg(wide[i], line + n);
        }
        line[n] = 0;
    }
done:
    for (i = 0; i < count; i++)
        free(wide[i]);
    free(wide);
    return line;
}

WCHAR *ck__environment_block(char *const envp[]) {
    size_t count = 0, total = 2, n = 0;
    while (envp != NULL && envp[count] != NULL)
        count++;
    WCHAR **wide = calloc(count + 1, sizeof *wide);
    WCHAR *block = NULL;
    if (wide == NULL)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        if ((wide[i] = ck__utf8_to_utf16_strict(envp[i])) == NULL)
            goto done;
        total += ck__wcslen(wide[i]) + 1;
    }
    if ((block = malloc(total * sizeof(WCHAR))) == NULL)
        goto done;
    for (size_t i = 0; i < count; i++) {
        size_t len = ck__wcslen(wide[i]) + 1;
        memcpy(block + n, wide[i], len * sizeof(WCHAR));
        n += len;
    }
    block[n++] = 0; /* the block ends with an empty string */
    if (n == 1)
        block[n] = 0; /* an empty block still needs two NULs */
done:
    for (size_t i = 0; i < count; i++)
        free(wide[i]);
    free(wide);
    return block;
}
