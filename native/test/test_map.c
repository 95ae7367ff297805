/* test_map.c - the instance table's hash map against a plain array, through growth and
 * many deletions (backward shift must never hide a key). */
#include <stdlib.h>

#include "core/map.h"
#include "support.h"

#define KEYS 5000

static void random_ops(void) {
    static uintptr_t present[KEYS]; /* 0 = absent, else the value stored for slot's key */
    uint32_t seed = 12345;
    ck_map n = {0};
    size_t count = 0;
    for (int round = 0; round < 100000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t slot = (seed >> 8) % KEYS;
        uintptr_t key = (uintptr_t)(slot + 1) * 48; /* aligned, like addresses */
        if (((seed >> 4) & 3) == 0) {
            ck__map_del(&n, key);
            if (present[slot] != 0)
                count--;
            present[slot] = 0;
        } else {
            uintptr_t value = (uintptr_t)round + 1;
            CHECK_EQ(ck__map_put(&n, key, (void *)value), 0);
            if (present[slot] == 0)
                count++;
            present[slot] = value;
        }
        CHECK_EQ(n.count, count);
        if (round % 1000 == 0)
            for (size_t i = 0; i < KEYS; i++)
                CHECK_EQ((uintptr_t)ck__map_get(&n, (uintptr_t)(i + 1) * 48), present[i]);
    }
    for (size_t i = 0; i < KEYS; i++)
        CHECK_EQ((uintptr_t)ck__map_get(&n, (uintptr_t)(i + 1) * 48), present[i]);
    ck__map_free(&n);
}

static void edges(void) {
    ck_map m = {0};
    CHECK(ck__map_get(&m, 7) == NULL);
    ck__map_del(&m, 7);
    CHECK(ck__map_put(&m, 0, &m) != 0); /* 0 is the empty mark, never a key */
    CHECK_EQ(ck__map_put(&m, 7, &m), 0);
    CHECK_EQ(ck__map_put(&m, 7, &edges), 0); /* replaces */
    CHECK_EQ(m.count, 1);
    CHECK(ck__map_get(&m, 7) == (void *)&edges);
    ck__map_del(&m, 7);
    CHECK_EQ(m.count, 0);
    CHECK(ck__map_get(&m, 7) == NULL);
    ck__map_free(&m);
}

int main(void) {
    random_ops();
    edges();
    return ck_test_finish("test_map");
}
