/*
 * fuzz_control.c - libFuzzer target for props/control.c and what it reads: ResourceControl
 * and ResourceTypeControl with any code, input and output size (NULL, too small, exact,
 * larger), SET_NAME with any bytes, custom controls whose handler answers any status and
 * bytes, VALIDATE/SET of any list, and GET of any values stored in the cluster database
 * (any registry type and length, as another tool might have written them) and of any list
 * the handler published. The output is written only inside the buffer given; a success
 * reports at most its size, ERROR_MORE_DATA more than it, and every property list returned
 * is well formed. Nothing may crash, read out of bounds or leak.
 *
 * The handler host is a stub answering what the input says; processes are stubs too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "props/clusprop.h"
#include "props/db.h"

/* ---- the type: every format, a read-only and a type property, two custom controls ---- */

static const WCHAR type_name[] = {'F', 'u', 'z', 'z', 0};
static const WCHAR n_port[] = {'P', 'o', 'r', 't', 0}, n_name[] = {'N', 'a', 'm', 'e', 0},
                   n_dir[] = {'D', 'i', 'r', 0}, n_list[] = {'L', 'i', 's', 't', 0},
                   n_off[] = {'O', 'f', 'f', 0}, n_big[] = {'B', 'i', 'g', 0},
                   n_neg[] = {'N', 'e', 'g', 0}, n_blob[] = {'B', 'l', 'o', 'b', 0},
                   n_status[] = {'S', 't', 'a', 't', 'u', 's', 0}, n_max[] = {'M', 'a', 'x', 0};
static const BYTE d_port[] = {0x58, 0x1B, 0, 0}, d_dir[] = {'%', 0, 'T', 0, '%', 0, 0, 0},
                  d_list[] = {'a', 0, 0, 0, 0, 0}, d_off[] = {0xFB, 0xFF, 0xFF, 0xFF},
                  d_big[] = {1, 0, 0, 0, 0, 0, 0, 0}, d_max[] = {4, 0, 0, 0};
static const ck_prop_desc props[] = {
    {n_port, CLUSPROP_FORMAT_DWORD, CK_PROP_HAS_DEFAULT | CK_PROP_HAS_MIN | CK_PROP_HAS_MAX, d_port,
     4, 1, 65535},
    {n_name, CLUSPROP_FORMAT_SZ, CK_PROP_REQUIRED, NULL, 0, 0, 0},
    {n_dir, CLUSPROP_FORMAT_EXPAND_SZ, CK_PROP_HAS_DEFAULT, d_dir, sizeof d_dir, 0, 0},
    {n_list, CLUSPROP_FORMAT_MULTI_SZ, CK_PROP_HAS_DEFAULT, d_list, sizeof d_list, 0, 0},
    {n_off, CLUSPROP_FORMAT_LONG,
     CK_PROP_SIGNED | CK_PROP_HAS_DEFAULT | CK_PROP_HAS_MIN | CK_PROP_HAS_MAX, d_off, 4,
     (uint64_t)-10, 10},
    {n_big, CLUSPROP_FORMAT_ULARGE_INTEGER, CK_PROP_HAS_DEFAULT, d_big, 8, 0, 0},
    {n_neg, CLUSPROP_FORMAT_LARGE_INTEGER, CK_PROP_SIGNED, NULL, 0, 0, 0},
    {n_blob, CLUSPROP_FORMAT_BINARY, 0, NULL, 0, 0, 0},
    {n_status, CLUSPROP_FORMAT_SZ, CK_PROP_READ_ONLY, NULL, 0, 0, 0},
};
static const ck_prop_desc type_props[] = {
    {n_max, CLUSPROP_FORMAT_DWORD, CK_PROP_HAS_DEFAULT | CK_PROP_HAS_MIN | CK_PROP_HAS_MAX, d_max,
     4, 1, 16},
};
static const DWORD controls[] = {1, 7};
static const WCHAR dep[] = {'I', 'P', 0};
static const WCHAR *const deps[] = {dep};
static const DWORD dep_classes[] = {2};

const ck_type_desc ck_type = {
    .type_name = type_name,
    .type_name_utf8 = "Fuzz",
    .display_name = type_name,
    .version = "1.0.0",
    .schema_hash = "0",
    .handler_file = "Fuzz.handler.js",
    .node_path = "",
    .props = props,
    .prop_count = sizeof props / sizeof props[0],
    .type_props = type_props,
    .type_prop_count = 1,
    .required_dep_types = deps,
    .required_dep_type_count = 1,
    .required_dep_classes = dep_classes,
    .required_dep_class_count = 1,
    .control_functions = controls,
    .control_function_count = 2,
    .resource_class = CLUS_RESCLASS_USER,
    .timeouts = {.control = 1000},
};

/* ---- the seams of the rooms this target leaves out ---- */

ck_globals ck__g;
static ck_once init_once = CK_ONCE_INIT;
static void init_globals(void) {
    ck__mutex_init(&ck__g.lock);
}
void ck__core_init(void) {
    ck__once(&init_once, init_globals);
}

void ck__log(ck_instance *inst, LOG_LEVEL level, const char *fmt, ...) {
    char line[512];
    va_list ap;
    (void)inst, (void)level;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
}

/* Formats like the library's (core/log.c) so a reply of any bytes is read within its size. */
void ck__log_reply(ck_instance *inst, LOG_LEVEL level, const char *what, const BYTE *text,
                   DWORD size) {
    char line[512];
    (void)inst, (void)level;
    snprintf(line, sizeof line, "%s: %.*s", what, text != NULL ? (int)size : 0,
             text != NULL ? (const char *)text : "");
}

/* What the stub host answers next: a status and reply bytes taken from the input. */
static DWORD next_status;
static const uint8_t *next_reply;
static size_t next_reply_size;

DWORD ck__host_call(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                    DWORD timeout_ms, BYTE **reply, DWORD *reply_size) {
    (void)inst, (void)op, (void)timeout_ms;
    if (size > CK_FRAME_MAX_PAYLOAD || (payload == NULL && size != 0))
        abort(); /* the library must never build a request a frame cannot carry */
    *reply = NULL;
    *reply_size = 0;
    if (next_reply_size != 0) {
        *reply = malloc(next_reply_size + 1); /* +1: request.c NUL-terminates replies */
        memcpy(*reply, next_reply, next_reply_size);
        (*reply)[next_reply_size] = 0;
        *reply_size = (DWORD)next_reply_size;
    }
    return next_status;
}

/* ---- the cluster database: a handful of values per key ---- */

#define MAX_VALUES 32
static struct {
    HKEY key;
    WCHAR name[16];
    DWORD type, cb;
    BYTE *data;
} db[MAX_VALUES];
static int db_count;

static int db_find(HKEY key, const WCHAR *name) {
    for (int i = 0; i < db_count; i++)
        if (db[i].key == key && ck__wcs_icmp(db[i].name, name) == 0)
            return i;
    return -1;
}

static DWORD db_query(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb) {
    int i = db_find(key, name);
    if (i < 0)
        return CK_ERROR_FILE_NOT_FOUND;
    if (type != NULL)
        *type = db[i].type;
    DWORD have = *cb;
    *cb = db[i].cb;
    if (data == NULL)
        return CK_ERROR_SUCCESS;
    if (have < db[i].cb)
        return CK_ERROR_MORE_DATA;
    if (db[i].cb != 0)
        memcpy(data, db[i].data, db[i].cb);
    return CK_ERROR_SUCCESS;
}

static DWORD db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb) {
    if (ck__wcslen(name) >= 16)
        return CK_ERROR_INVALID_PARAMETER;
    int i = db_find(key, name);
    if (i < 0) {
        if (db_count == MAX_VALUES)
            return CK_ERROR_NOT_ENOUGH_MEMORY;
        i = db_count++;
        db[i].data = NULL;
    }
    BYTE *copy = malloc(cb ? cb : 1);
    if (cb != 0)
        memcpy(copy, data, cb);
    free(db[i].data);
    db[i].key = key;
    memcpy(db[i].name, name, (ck__wcslen(name) + 1) * sizeof(WCHAR));
    db[i].type = type;
    db[i].cb = cb;
    db[i].data = copy;
    return CK_ERROR_SUCCESS;
}

static DWORD db_delete(HKEY key, const WCHAR *name) {
    int i = db_find(key, name);
    if (i < 0)
        return CK_ERROR_FILE_NOT_FOUND;
    free(db[i].data);
    db[i] = db[--db_count];
    return CK_ERROR_SUCCESS;
}

static void db_clear(void) {
    for (int i = 0; i < db_count; i++)
        free(db[i].data);
    db_count = 0;
}

#define RES_KEY ((HKEY)(uintptr_t)0x51)
#define TYPE_KEY ((HKEY)(uintptr_t)0x52)

static void bind_once(void) {
    static int done;
    static ck_host_services services = {
        sizeof(ck_host_services), db_query, db_set, db_delete, NULL, TYPE_KEY};
    if (!done && ck_bind_host_services(&services) != CK_ERROR_SUCCESS)
        abort();
    done = 1;
}

/* ---- input ---- */

typedef struct input {
    const uint8_t *p;
    size_t left;
} input;

static uint32_t take(input *in, size_t n) {
    uint32_t v = 0;
    for (size_t i = 0; i < n && in->left > 0; i++, in->left--)
        v |= (uint32_t)*in->p++ << (8 * i);
    return v;
}

static const uint8_t *take_bytes(input *in, size_t *n) {
    if (*n > in->left)
        *n = in->left;
    const uint8_t *at = in->p;
    in->p += *n;
    in->left -= *n;
    return at;
}

static const DWORD codes[] = {
    CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_SET_NAME,
    CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS,
    CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES,
    CLUSCTL_RESOURCE_GET_CLASS_INFO,
    CLUSCTL_RESOURCE_GET_CHARACTERISTICS,
    (1u << 24) | (1u << 21) | (1u << 2), /* custom function 1 */
    (1u << 24) | (1u << 21) | (7u << 2), /* custom function 7 */
    CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES,
    CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS,
    CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES,
};
#define CODE_COUNT (sizeof codes / sizeof codes[0])

static int returns_list(DWORD code) {
    return code == CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES ||
           code == CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES ||
           code == CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS ||
           code == CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES ||
           code == CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS;
}

static void one_call(ck_instance *inst, input *in) {
    uint32_t pick = take(in, 1);
    DWORD code = pick < 0xF0 ? codes[pick % CODE_COUNT] : take(in, 4); /* or any code */
    size_t in_size = take(in, 2) % 4096;
    const uint8_t *bytes = take_bytes(in, &in_size);
    uint32_t out_pick = take(in, 2);
    next_status = (DWORD)take(in, 1) % 4 == 0 ? take(in, 2) : CK_ERROR_SUCCESS;
    next_reply_size = take(in, 2) % 512;
    next_reply = take_bytes(in, &next_reply_size);
    /* A private copy of exactly in_size bytes, and an output of exactly out_size bytes. */
    BYTE *input_copy = in_size != 0 ? malloc(in_size) : NULL;
    if (in_size != 0)
        memcpy(input_copy, bytes, in_size);
    DWORD out_size = out_pick == 0 ? 0 : out_pick % 2048;
    BYTE *out = out_pick == 0 ? NULL : malloc(out_size ? out_size : 1);
    DWORD returned = 0xDEADBEEF;
    DWORD rc = (code >> 24) == 2
                   ? ck__type_control(code, input_copy, (DWORD)in_size, out, out_size, &returned)
                   : ck__resource_control(inst, code, input_copy, (DWORD)in_size, out, out_size,
                                          &returned);
    if (rc == CK_ERROR_SUCCESS && returned > out_size && returned != 0)
        abort(); /* claims more than the buffer holds */
    if (rc == CK_ERROR_MORE_DATA && returned <= out_size && out != NULL)
        abort(); /* asks for a bigger buffer it does not need */
    if (rc == CK_ERROR_IO_PENDING)
        abort(); /* controls complete synchronously (CLRES V2) */
    if (rc == CK_ERROR_SUCCESS && returns_list(code) && returned != 0 &&
        ck__clusprop_check(out, returned, NULL) != CK_ERROR_SUCCESS)
        abort(); /* a malformed list handed to RHS */
    free(out);
    free(input_copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 64 * 1024)
        return 0;
    bind_once();
    input in = {data, size};
    /* 1. Values other tools may have stored, of any registry type and length. */
    for (uint32_t n = take(&in, 1) % 8; n > 0; n--) {
        uint32_t which = take(&in, 1);
        const ck_prop_desc *p = which & 0x80 ? &type_props[0] : &props[which % 9];
        DWORD type = take(&in, 1) % 12;
        size_t cb = take(&in, 2) % 600;
        const uint8_t *v = take_bytes(&in, &cb);
        db_set(which & 0x80 ? TYPE_KEY : RES_KEY, p->name, type, v, (DWORD)cb);
    }
    /* 2. A resource, what its handler published, then control calls. */
    static const WCHAR name[] = {'R', 0x00E9, 0x6570, 0xD834, 0xDD1E, 0};
    ck_instance *inst = ck__instance_create(name, RES_KEY, (RESOURCE_HANDLE)(uintptr_t)1);
    if (inst == NULL)
        abort();
    size_t published = take(&in, 2) % 1024;
    const uint8_t *pub = take_bytes(&in, &published);
    if (published != 0) {
        inst->published = malloc(published);
        memcpy(inst->published, pub, published);
        inst->published_size = (DWORD)published;
    }
    inst->state = take(&in, 1) & 1 ? CK_ST_ONLINE : CK_ST_OFFLINE;
    for (int calls = 0; calls < 8 && in.left > 0; calls++)
        one_call(inst, &in);
    ck__instance_remove(inst);
    db_clear();
    return 0;
}
