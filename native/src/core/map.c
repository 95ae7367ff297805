/* map.c - the integer-keyed hash map of map.h. */
#include "core/map.h"

#include <stdlib.h>

#include "errors.h"

/* Fibonacci hashing: spreads pointers (aligned, so low bits are zero) and sequential ids. */
static size_t slot_of(uintptr_t key, size_t cap) {
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32) & (cap - 1);
}

void *ck__map_get(const ck_map *m, uintptr_t key) {
    if (m->cap == 0 || key == 0)
        return NULL;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->slots[i].key == key)
            return m->slots[i].value;
        if (m->slots[i].key == 0)
            return NULL;
    }
}

static void insert(struct ck_map_slot *slots, size_t cap, uintptr_t key, void *value) {
    size_t i = slot_of(key, cap);
    while (slots[i].key != 0 && slots[i].key != key)
        i = (i + 1) & (cap - 1);
    slots[i].key = key;
    slots[i].value = value;
}

int ck__map_put(ck_map *m, uintptr_t key, void *value) {
    if (key == 0)
        return CK_ERR_INVALID_ARG;
    /* At most half full: probes stay short. */
    if ((m->count + 1) * 2 > m->cap) {
        size_t cap = m->cap != 0 ? m->cap * 2 : 32;
        struct ck_map_slot *slots = calloc(cap, sizeof *slots);
        if (slots == NULL)
            return CK_ERR_NOMEM;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].key != 0)
                insert(slots, cap, m->slots[i].key, m->slots[i].value);
        free(m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    if (ck__map_get(m, key) == NULL)
        m->count++;
    insert(m->slots, m->cap, key, value);
    return CK_OK;
}

void ck__map_del(ck_map *m, uintptr_t key) {
    if (m->cap == 0 || key == 0)
        return;
    size_t mask = m->cap - 1, i = slot_of(key, m->cap);
    while (m->slots[i].key != key) {
        if (m->slots[i].key == 0)
            return;
        i = (i + 1) & mask;
    }
    /* Shift later members of the probe run back so no lookup stops at the hole. */
    for (size_t j = (i + 1) & mask; m->slots[j].key != 0; j = (j + 1) & mask) {
        size_t home = slot_of(m->slots[j].key, m->cap);
        /* j's entry may fill the hole at i when its home is not within (i, j]. */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            m->slots[i] = m->slots[j];
            i = j;
        }
    }
    m->slots[i].key = 0;
    m->slots[i].value = NULL;
    m->count--;
}

void ck__map_free(ck_map *m) {
    free(m->slots);
    m->slots = NULL;
    m->count = m->cap = 0;
}
