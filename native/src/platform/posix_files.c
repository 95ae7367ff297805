/*
 * posix_files.c - files, paths and the environment on POSIX (see platform.h): the
 * library's own folder, the program lookup on PATH, variables and %VAR% expansion.
 */
#define _GNU_SOURCE /* dladdr */
#include "platform/platform.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errors.h"
#include "text.h"

/* ---- files and paths ---- */

int ck__module_dir(char *buf, size_t cap) {
    Dl_info info;
    char resolved[PATH_MAX];
    if (buf == NULL || cap == 0)
        return CK_ERR_INVALID_ARG;
    if (dladdr((void *)&ck__module_dir, &info) == 0 || info.dli_fname == NULL)
        return CK_ERR_IO;
    if (realpath(info.dli_fname, resolved) == NULL)
        return CK_ERR_IO;
    char *slash = strrchr(resolved, '/');
    if (slash == NULL)
        return CK_ERR_IO;
    *slash = '\0';
    if (resolved[0] == '\0')
        strcpy(resolved, "/");
    if (strlen(resolved) + 1 > cap)
        return CK_ERR_IO;
    strcpy(buf, resolved);
    return CK_OK;
}

int ck__find_program(const char *name, char *buf, size_t cap) {
    if (name == NULL || name[0] == '\0' || buf == NULL || cap == 0)
        return CK_ERR_INVALID_ARG;
    if (strchr(name, '/') != NULL) {
        if (access(name, X_OK) != 0 || strlen(name) + 1 > cap)
            return CK_ERR_NODE_NOT_FOUND;
        strcpy(buf, name);
        return CK_OK;
    }
    const char *path = getenv("PATH");
    if (path == NULL || path[0] == '\0')
        path = "/usr/local/bin:/usr/bin:/bin";
    size_t name_len = strlen(name);
    while (*path != '\0') {
        const char *end = strchr(path, ':');
        size_t dir_len = end != NULL ? (size_t)(end - path) : strlen(path);
        /* An empty PATH entry means the current directory; skip it, a library must not
         * run whatever sits in the monitor's working directory. */
        if (dir_len > 0 && dir_len + 1 + name_len + 1 <= cap) {
            memcpy(buf, path, dir_len);
            buf[dir_len] = '/';
            memcpy(buf + dir_len + 1, name, name_len + 1);
            if (access(buf, X_OK) == 0)
                return CK_OK;
        }
        path += dir_len;
        if (*path == ':')
            path++;
    }
    return CK_ERR_NODE_NOT_FOUND;
}

const char *ck__getenv(const char *name) {
    return getenv(name);
}

extern char **environ;

char **ck__env_copy(int (*drop)(const char *entry)) {
    size_t count = 0, kept = 0;
    while (environ != NULL && environ[count] != NULL)
        count++;
    char **out = calloc(count + 1, sizeof *out);
    for (size_t i = 0; out != NULL && i < count; i++) {
        if (drop != NULL && drop(environ[i]))
            continue;
        if ((out[kept] = strdup(environ[i])) == NULL) {
            ck__env_free(out);
            return NULL;
        }
        kept++;
    }
    return out;
}

void ck__env_free(char **env) {
    for (size_t i = 0; env != NULL && env[i] != NULL; i++)
        free(env[i]);
    free(env);
}

/* ---- %VAR% expansion ---- */

/* A growing UTF-16LE buffer; `failed` is sticky. */
typedef struct out16 {
    uint8_t *buf;
    size_t size, cap;
    int failed;
} out16;

static void put_unit(out16 *o, unsigned u) {
    if (o->failed)
        return;
    if (o->cap - o->size < 2) {
        size_t cap = o->cap != 0 ? o->cap * 2 : 64;
        uint8_t *grown = cap > o->cap ? realloc(o->buf, cap) : NULL;
        if (grown == NULL) {
            o->failed = 1;
            return;
        }
        o->buf = grown;
        o->cap = cap;
    }
    o->buf[o->size++] = (uint8_t)u;
    o->buf[o->size++] = (uint8_t)(u >> 8);
}

static unsigned unit_at(const uint8_t *in, size_t i) {
    return in[i * 2] | (unsigned)in[i * 2 + 1] << 8;
}

/* The value of the variable named by len units at in[at], when that is an ASCII name. */
static const char *variable(const uint8_t *in, size_t at, size_t len) {
    char name[256];
    if (len == 0 || len >= sizeof name)
        return NULL;
    for (size_t k = 0; k < len; k++) {
        unsigned u = unit_at(in, at + k);
        if (u == 0 || u >= 0x80 || u == '=')
            return NULL;
        name[k] = (char)u;
    }
    name[len] = '\0';
    return getenv(name);
}

/* Like ExpandEnvironmentStrings: %NAME% is replaced by getenv("NAME") when NAME is a
 * defined ASCII variable; anything else is copied as written. */
int ck__expand_env(const uint8_t *in, size_t cb, uint8_t **out, size_t *out_cb) {
    if (in == NULL || out == NULL || out_cb == NULL || cb < 2 || cb % 2 != 0)
        return CK_ERR_INVALID_ARG;
    out16 o = {NULL, 0, 0, 0};
    size_t units = cb / 2 - 1, i = 0;
    while (i < units && unit_at(in, i) != 0) {
        size_t end = i + 1;
        while (unit_at(in, i) == '%' && end < units && unit_at(in, end) != '%')
            end++;
        const char *value =
            unit_at(in, i) == '%' && end < units ? variable(in, i + 1, end - i - 1) : NULL;
        if (value == NULL) {
            put_unit(&o, unit_at(in, i++));
            continue;
        }
        WCHAR *wide = ck__utf8_to_utf16(value, strlen(value));
        o.failed |= wide == NULL;
        for (size_t k = 0; wide != NULL && wide[k] != 0; k++)
            put_unit(&o, wide[k]);
        free(wide);
        i = end + 1;
    }
    put_unit(&o, 0);
    if (o.failed) {
        free(o.buf);
        return CK_ERR_NOMEM;
    }
    *out = o.buf;
    *out_cb = o.size;
    return CK_OK;
}
