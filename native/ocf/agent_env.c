/* agent_env.c - the environment Pacemaker passes to an action, and the action's deadline. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agent.h"

/* What Pacemaker uses when an operation has no timeout of its own. */
#define CK_OCF_DEFAULT_TIMEOUT_MS 20000u

void ck__ocf_sleep_us(unsigned us) {
    struct timespec ts = {(time_t)(us / 1000000u), (long)(us % 1000000u) * 1000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static int read_number(const char *name, uint32_t *out) {
    const char *text = getenv(name);
    if (text == NULL || *text == '\0')
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || v > 0xFFFFFFFFull || text[0] == '-') {
        ck__ocf_reason("%s=%s is not a number of milliseconds", name, text);
        return -1;
    }
    *out = (uint32_t)v;
    return 1;
}

int ck__ocf_read_env(ck_ocf_env *env) {
    memset(env, 0, sizeof *env);
    env->started_ms = ck__now_ms();
    env->instance = getenv("OCF_RESOURCE_INSTANCE");
    if (env->instance == NULL || *env->instance == '\0') {
        ck__ocf_reason("OCF_RESOURCE_INSTANCE is not set; run the agent through Pacemaker, "
                       "crm_resource or ocf-tester");
        return -1;
    }
    const char *node = getenv("OCF_RESKEY_CRM_meta_on_node");
    env->node = node != NULL && *node != '\0' ? node : NULL;
    env->timeout_ms = CK_OCF_DEFAULT_TIMEOUT_MS;
    uint32_t interval = 0, level = 0;
    if (read_number("OCF_RESKEY_CRM_meta_timeout", &env->timeout_ms) < 0 ||
        read_number("OCF_RESKEY_CRM_meta_interval", &interval) < 0 ||
        read_number("OCF_CHECK_LEVEL", &level) < 0)
        return -1;
    env->probe = interval == 0;
    env->check_level = (int)level;
    return 0;
}

uint64_t ck__ocf_deadline(const ck_ocf_env *env, uint32_t reserve_ms) {
    uint32_t budget = env->timeout_ms > reserve_ms ? env->timeout_ms - reserve_ms : 0;
    return env->started_ms + budget;
}
