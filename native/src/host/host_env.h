/*
 * host_env.h - the one rule for a handler host's environment, used by the library's
 * supervisor and by the OCF agent (docs/protocol.md, "The host's environment").
 */
#ifndef CK_HOST_ENV_H
#define CK_HOST_ENV_H

#include <stddef.h>

/* 1 when the `NAME=value` entry must not reach a handler host. */
int ck__host_env_drop(const char *entry);

#endif /* CK_HOST_ENV_H */
