/* instance.c - the instance table (RESID validation, references) and the ck__instance_*
 * functions of ck_shared.h. Every field below is guarded by ck__g.lock. */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/map.h"

static ck_instance **table;
static size_t table_count, table_cap;
static uint32_t next_id = 1;
/* RESID -> instance and resource id -> instance, so a call finds its instance in constant
 * time with a thousand open (the table above is for walking them all). */
static ck_map by_resid, by_id;

static void instance_free(ck_instance *inst) {
    ck__event_destroy(inst->event);
    free(inst->name16);
    free(inst->name8);
    free(inst->published);
    free(inst->pids);
    free(inst->pgids);
    free(inst);
}

ck_instance *ck__instance_create(LPCWSTR name, HKEY key, RESOURCE_HANDLE handle) {
    ck_instance *inst = calloc(1, sizeof *inst);
    if (inst == NULL)
        return NULL;
    size_t n = ck__wcslen(name);
    inst->name16 = malloc((n + 1) * sizeof(WCHAR));
    inst->name8 = ck__utf16_to_utf8(name);
    inst->event = ck__event_create(1);
    if (inst->name16 == NULL || inst->name8 == NULL || inst->event == NULL) {
        instance_free(inst);
        return NULL;
    }
    memcpy(inst->name16, name, (n + 1) * sizeof(WCHAR));
    inst->key = key;
    inst->handle = handle;
    inst->state = CK_ST_OFFLINE;
    inst->refs = 1; /* the table's reference */
    ck__mutex_lock(&ck__g.lock);
    if (table_count == table_cap) {
        size_t cap = table_cap != 0 ? table_cap * 2 : 16;
        ck_instance **grown = realloc(table, cap * sizeof *grown);
        if (grown == NULL) {
            ck__mutex_unlock(&ck__g.lock);
            instance_free(inst);
            return NULL;
        }
        table = grown;
        table_cap = cap;
    }
    inst->id = next_id;
    if (ck__map_put(&by_resid, (uintptr_t)inst, inst) != CK_OK ||
        ck__map_put(&by_id, inst->id, inst) != CK_OK) {
        ck__map_del(&by_resid, (uintptr_t)inst);
        ck__mutex_unlock(&ck__g.lock);
        instance_free(inst);
        return NULL;
    }
    next_id++;
    table[table_count++] = inst;
    ck__mutex_unlock(&ck__g.lock);
    return inst;
}

ck_instance *ck__instance_acquire(RESID resid) {
    ck_instance *found = NULL;
    if (resid == NULL)
        return NULL;
    ck__core_init();
    ck__mutex_lock(&ck__g.lock);
    /* A hash of the address: an unknown RESID is never dereferenced. */
    found = ck__map_get(&by_resid, (uintptr_t)resid);
    if (found != NULL && found->closed)
        found = NULL;
    if (found != NULL)
        ck__atomic_add(&found->refs, 1);
    ck__mutex_unlock(&ck__g.lock);
    return found;
}

void ck__instance_ref_locked(ck_instance *inst) {
    ck__atomic_add(&inst->refs, 1);
}

/* No lock: many callers woken at once must not queue on the global lock to drop their
 * references. The count reaches 0 only after ck__instance_remove dropped the table's
 * reference, when no lookup can find the instance any more. */
void ck__instance_release(ck_instance *inst) {
    if (inst != NULL && ck__atomic_add(&inst->refs, -1) == 0)
        instance_free(inst);
}

size_t ck__instance_remove(ck_instance *inst) {
    int free_it = 0;
    size_t left;
    ck__mutex_lock(&ck__g.lock);
    for (size_t i = 0; i < table_count; i++) {
        if (table[i] == inst) {
            table[i] = table[--table_count];
            ck__map_del(&by_resid, (uintptr_t)inst);
            ck__map_del(&by_id, inst->id);
            inst->closed = 1;
            free_it = ck__atomic_add(&inst->refs, -1) == 0;
            break;
        }
    }
    left = table_count;
    ck__mutex_unlock(&ck__g.lock);
    if (free_it)
        instance_free(inst);
    return left;
}

size_t ck__instance_count(void) {
    ck__core_init();
    ck__mutex_lock(&ck__g.lock);
    size_t n = table_count;
    ck__mutex_unlock(&ck__g.lock);
    return n;
}

ck_instance *ck__instance_by_id_locked(uint32_t id) {
    return ck__map_get(&by_id, id);
}

void ck__instance_each_locked(void (*fn)(ck_instance *inst, void *ctx), void *ctx) {
    for (size_t i = 0; i < table_count; i++)
        fn(table[i], ctx);
}

/* Forgets the records of groups that have no member left, so a group id the system later
 * reuses is never signaled. Lock held. */
static void prune_groups_locked(ck_instance *inst) {
    size_t kept = 0;
    for (size_t i = 0; i < inst->pgroup_count; i++) {
        if (!ck__process_group_alive(inst->pgids[i]))
            continue;
        inst->pids[kept] = inst->pids[i];
        inst->pgids[kept] = inst->pgids[i];
        kept++;
    }
    inst->pgroup_count = kept;
}

static int grow_groups_locked(ck_instance *inst) {
    if (inst->pgroup_count < inst->pgroup_cap)
        return 1;
    size_t cap = inst->pgroup_cap != 0 ? inst->pgroup_cap * 2 : 8;
    long *pids = realloc(inst->pids, cap * sizeof *pids);
    if (pids != NULL)
        inst->pids = pids;
    long *pgids = pids != NULL ? realloc(inst->pgids, cap * sizeof *pgids) : NULL;
    if (pgids != NULL)
        inst->pgids = pgids;
    if (pids == NULL || pgids == NULL)
        return 0;
    inst->pgroup_cap = cap;
    return 1;
}

void ck__instance_spawned_locked(ck_instance *inst, long pid, long pgid) {
    for (size_t i = 0; i < inst->pgroup_count; i++)
        if (inst->pids[i] == pid) {
            inst->pgids[i] = pgid;
            return;
        }
    if (inst->pgroup_count == inst->pgroup_cap)
        prune_groups_locked(inst);
    if (!grow_groups_locked(inst)) {
        /* Out of memory: kill the group now rather than lose track of it. */
        ck__process_kill_group(pgid);
        return;
    }
    inst->pids[inst->pgroup_count] = pid;
    inst->pgids[inst->pgroup_count] = pgid;
    inst->pgroup_count++;
}

void ck__instance_exited_locked(ck_instance *inst, long pid) {
    (void)pid; /* the leader's exit says nothing about the rest of its group */
    prune_groups_locked(inst);
}

void ck__instance_kill_groups_locked(ck_instance *inst) {
    for (size_t i = 0; i < inst->pgroup_count; i++)
        ck__process_kill_group(inst->pgids[i]);
    inst->pgroup_count = 0;
}

/* ---- ck_shared.h ---- */

HKEY ck__instance_key(const ck_instance *inst) {
    return inst != NULL ? inst->key : NULL;
}

int ck__instance_is_online(const ck_instance *inst) {
    if (inst == NULL)
        return 0;
    ck__mutex_lock(&ck__g.lock);
    int online = inst->state == CK_ST_ONLINE || inst->state == CK_ST_ONLINE_PENDING;
    ck__mutex_unlock(&ck__g.lock);
    return online;
}

int ck__instance_is_onlining(const ck_instance *inst) {
    if (inst == NULL)
        return 0;
    ck__mutex_lock(&ck__g.lock);
    int pending = inst->state == CK_ST_ONLINE_PENDING;
    ck__mutex_unlock(&ck__g.lock);
    return pending;
}

WCHAR *ck__instance_name(ck_instance *inst) {
    if (inst == NULL)
        return NULL;
    ck__mutex_lock(&ck__g.lock);
    size_t n = inst->name16 != NULL ? ck__wcslen(inst->name16) : 0;
    WCHAR *copy = inst->name16 != NULL ? malloc((n + 1) * sizeof(WCHAR)) : NULL;
    if (copy != NULL)
        memcpy(copy, inst->name16, (n + 1) * sizeof(WCHAR));
    ck__mutex_unlock(&ck__g.lock);
    return copy;
}

DWORD ck__instance_published(ck_instance *inst, BYTE **list, DWORD *size) {
    if (inst == NULL || list == NULL || size == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    *list = NULL;
    *size = 0;
    DWORD rc = CK_ERROR_SUCCESS;
    ck__mutex_lock(&ck__g.lock);
    if (inst->published_size != 0) {
        *list = malloc(inst->published_size);
        if (*list == NULL) {
            rc = CK_ERROR_NOT_ENOUGH_MEMORY;
        } else {
            memcpy(*list, inst->published, inst->published_size);
            *size = inst->published_size;
        }
    }
    ck__mutex_unlock(&ck__g.lock);
    return rc;
}

void ck__instance_set_name(ck_instance *inst, const WCHAR *name) {
    if (inst == NULL || name == NULL)
        return;
    size_t n = ck__wcslen(name);
    WCHAR *name16 = malloc((n + 1) * sizeof(WCHAR));
    char *name8 = ck__utf16_to_utf8(name);
    if (name16 == NULL || name8 == NULL) {
        free(name16);
        free(name8);
        return;
    }
    memcpy(name16, name, (n + 1) * sizeof(WCHAR));
    ck__mutex_lock(&ck__g.lock);
    WCHAR *old16 = inst->name16;
    char *old8 = inst->name8;
    inst->name16 = name16;
    inst->name8 = name8;
    ck__mutex_unlock(&ck__g.lock);
    free(old16);
    free(old8);
}
