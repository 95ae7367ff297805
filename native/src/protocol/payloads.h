/*
 * payloads.h - the payload layouts of docs/protocol.md, twin of
 * src/bundle/protocol/payloads.ts in the same order (decodeHello is ck__hello_decode, as
 * frame.h spells its codec). The library
 * encodes what it sends (str for OPEN and SET_NAME, CONTROL) and decodes what the host
 * sends (HELLO, SPAWNED, EXITED); a `text` payload is plain UTF-8, turned into UTF-16 by
 * ck__utf8_to_utf16 (text.h). Both codecs pass test/vectors/payloads.tsv.
 */
#ifndef CK_PAYLOADS_H
#define CK_PAYLOADS_H

#include <stddef.h>
#include <stdint.h>

#include "errors.h"

/* A view of UTF-8 bytes inside a decoded payload (not NUL-terminated). */
typedef struct ck_str {
    const char *text;
    size_t len;
} ck_str;

/* A str holds at most this many bytes (its length is a u16). */
#define CK_STR_MAX 0xFFFFu

/* str = u16 byte length + UTF-8 bytes: a malloc'd str of `len` bytes (free() *out).
 * CK_ERR_BAD_PAYLOAD when len is above CK_STR_MAX (the TS encoder refuses it too);
 * CK_ERR_NOMEM. */
int ck__str_encode(const char *text, size_t len, uint8_t **out, size_t *size);
/* The str at `offset` of buf: *str points into buf, *next is the offset after it.
 * CK_ERR_BAD_PAYLOAD when its length or bytes are missing or it is not UTF-8. */
int ck__str_decode(const uint8_t *buf, size_t size, size_t offset, ck_str *str, size_t *next);

/* HELLO: u32 protocolVersion, u32 hostPid, str schemaHash, str kitVersion. The strings
 * point into the decoded payload (not NUL-terminated). */
typedef struct ck_hello {
    uint32_t protocol_version;
    uint32_t host_pid;
    const char *schema_hash;
    size_t schema_hash_len;
    const char *kit_version;
    size_t kit_version_len;
} ck_hello;

/* CK_OK, or CK_ERR_BAD_PAYLOAD (short, a bad str, or bytes after the kit version). */
int ck__hello_decode(const uint8_t *buf, size_t size, ck_hello *hello);

/* SPAWNED: u32 pid, u32 processGroup; exactly 8 bytes. */
int ck__spawned_decode(const uint8_t *buf, size_t size, uint32_t *pid, uint32_t *process_group);

/* EXITED: u32 pid, i32 exitCode (-1 if killed by a signal); exactly 8 bytes. */
int ck__exited_decode(const uint8_t *buf, size_t size, uint32_t *pid, int32_t *exit_code);

/* CONTROL request: u32 controlCode + input bytes, malloc'd (free() *out). CK_ERR_NOMEM,
 * or CK_ERR_BAD_PAYLOAD when it would exceed the largest frame payload. */
int ck__control_encode(uint32_t control_code, const uint8_t *input, size_t input_size,
                       uint8_t **out, size_t *size);

#endif /* CK_PAYLOADS_H */
