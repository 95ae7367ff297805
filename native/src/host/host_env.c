/* host_env.c - which variables of the caller's environment a handler host does not get. */
#include "host_env.h"

/* 1 when name (up to '=') equals want, ASCII case ignored (Windows names have no case). */
static int env_name_is(const char *entry, const char *want) {
    size_t i = 0;
    for (; want[i] != '\0'; i++) {
        char c = entry[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c != want[i])
            return 0;
    }
    return entry[i] == '=';
}

static int env_name_starts(const char *entry, const char *prefix) {
    for (size_t i = 0; prefix[i] != '\0'; i++) {
        char c = entry[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c != prefix[i])
            return 0;
    }
    return 1;
}

/*
 * The host's environment is the monitor's without what configures Node.js itself
 * (docs/protocol.md, "The host's environment"): NODE_OPTIONS could load code into the host
 * (--require) or change its limits, NODE_PATH its module lookup, UV_* its thread pool,
 * OPENSSL_CONF an engine into its process. NODE_ENV stays: applications read it by convention.
 */
int ck__host_env_drop(const char *entry) {
    if (env_name_is(entry, "NODE_ENV"))
        return 0;
    return env_name_starts(entry, "NODE_") || env_name_starts(entry, "UV_") ||
           env_name_is(entry, "OPENSSL_CONF") || env_name_is(entry, "OPENSSL_ENGINES") ||
           env_name_is(entry, "OPENSSL_MODULES");
}
