/*
 * map.h - a small hash map from a non-zero integer key to a pointer (open addressing,
 * linear probing, deletion by backward shift). The instance table finds a RESID and a
 * resource id with it in constant time, whatever the number of resources. Not locked:
 * its owner's lock guards it.
 */
#ifndef CK_MAP_H
#define CK_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct ck_map {
    struct ck_map_slot {
        uintptr_t key; /* 0 = empty */
        void *value;
    } * slots;
    size_t count, cap; /* cap is 0 or a power of two */
} ck_map;

/* NULL when key is absent. */
void *ck__map_get(const ck_map *m, uintptr_t key);
/* Adds or replaces; 0, or CK_ERR_NOMEM (the map is unchanged then). key must be non-zero. */
int ck__map_put(ck_map *m, uintptr_t key, void *value);
void ck__map_del(ck_map *m, uintptr_t key);
void ck__map_free(ck_map *m);

#endif /* CK_MAP_H */
