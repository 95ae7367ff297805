/* test_ocf_values.c - every line of test/vectors/ocf-values.tsv through the OCF agent's
 * parameter parser (native/ocf/agent_values.c): ok lines give exactly the stored bytes,
 * err lines are refused with a reason. */
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "support.h"

static int kind_of(const char *name, ck_ocf_kind *kind) {
    static const struct {
        const char *name;
        ck_ocf_kind kind;
    } kinds[] = {{"dword", CK_OCF_DWORD},
                 {"long", CK_OCF_LONG},
                 {"bool", CK_OCF_BOOL},
                 {"string", CK_OCF_SZ},
                 {"expandString", CK_OCF_EXPAND_SZ},
                 {"multiString", CK_OCF_MULTI_SZ},
                 {"binary", CK_OCF_BINARY},
                 {"ulargeInteger", CK_OCF_ULARGE},
                 {"largeInteger", CK_OCF_LARGE},
                 {"choice", CK_OCF_CHOICE},
                 {"secret", CK_OCF_SECRET}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(name, kinds[i].name) == 0)
            return (*kind = kinds[i].kind), 1;
    return 0;
}

static void run_line(int nf, char **f, void *ctx) {
    int *count = ctx;
    (*count)++;
    ck_ocf_kind kind;
    if (nf < 3 || !kind_of(f[0], &kind)) {
        fprintf(stderr, "malformed vector line %s\n", f[0]);
        ck_test_failures++;
        return;
    }
    char *text = NULL;
    uint8_t *raw = NULL;
    if (strcmp(f[1], "(empty)") == 0) {
        text = calloc(1, 1);
    } else if (strncmp(f[1], "hex:", 4) == 0) {
        long n = ck_test_unhex(f[1] + 4, &raw);
        text = calloc((size_t)n + 1, 1);
        memcpy(text, raw, (size_t)n);
    } else {
        text = strdup(f[1]);
    }
    uint8_t *data = NULL;
    DWORD size = 0;
    char why[256] = "";
    int rc = ck__ocf_parse_value(kind, text, &data, &size, why, sizeof why);
    if (strcmp(f[2], "err") == 0) {
        if (rc == 0)
            fprintf(stderr, "%s \"%s\": expected a refusal\n", f[0], f[1]);
        CHECK(rc != 0);
        CHECK(strlen(why) > 0);
    } else {
        uint8_t *want = NULL;
        long n = strcmp(f[2] + 3, "-") == 0 ? 0 : ck_test_unhex(f[2] + 3, &want);
        if (rc != 0 || (long)size != n || (n > 0 && memcmp(data, want, (size_t)n) != 0))
            fprintf(stderr, "%s \"%s\": rc %d (%s), %lu bytes, wanted %ld\n", f[0], f[1], rc, why,
                    (unsigned long)size, n);
        CHECK_EQ(rc, 0);
        CHECK_EQ((long)size, n);
        CHECK(n == 0 || (data != NULL && memcmp(data, want, (size_t)n) == 0));
        free(want);
    }
    free(data);
    free(text);
    free(raw);
}

int main(void) {
    int count = 0;
    int lines = ck_test_vectors("ocf-values.tsv", run_line, &count);
    CHECK(lines > 0);
    CHECK_EQ(lines, count);
    return ck_test_finish("test_ocf_values");
}
