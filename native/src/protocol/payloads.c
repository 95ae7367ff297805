/* payloads.c - payload layouts of docs/protocol.md (see payloads.h). */
#include "protocol/payloads.h"

#include <stdlib.h>
#include <string.h>

#include "protocol/frame.h"
#include "text.h"

int ck__str_encode(const char *text, size_t len, uint8_t **out, size_t *size) {
    if (out == NULL || size == NULL || (text == NULL && len != 0))
        return CK_ERR_INVALID_ARG;
    *out = NULL;
    *size = 0;
    if (len > CK_STR_MAX)
        return CK_ERR_BAD_PAYLOAD;
    uint8_t *buf = malloc(2 + len);
    if (buf == NULL)
        return CK_ERR_NOMEM;
    ck__put16(buf, (uint16_t)len);
    if (len != 0)
        memcpy(buf + 2, text, len);
    *out = buf;
    *size = 2 + len;
    return CK_OK;
}

int ck__str_decode(const uint8_t *buf, size_t size, size_t offset, ck_str *str, size_t *next) {
    if ((buf == NULL && size != 0) || str == NULL || next == NULL)
        return CK_ERR_INVALID_ARG;
    if (offset > size || size - offset < 2)
        return CK_ERR_BAD_PAYLOAD; /* no room for its length */
    size_t len = ck__le16(buf + offset);
    if (size - offset - 2 < len)
        return CK_ERR_BAD_PAYLOAD; /* fewer bytes than announced */
    const char *text = (const char *)buf + offset + 2;
    if (!ck__utf8_valid(text, len))
        return CK_ERR_BAD_PAYLOAD;
    str->text = text;
    str->len = len;
    *next = offset + 2 + len;
    return CK_OK;
}

int ck__hello_decode(const uint8_t *buf, size_t size, ck_hello *hello) {
    ck_str hash, kit;
    size_t at = 8;
    if ((buf == NULL && size != 0) || hello == NULL)
        return CK_ERR_INVALID_ARG;
    if (size < 8 || ck__str_decode(buf, size, at, &hash, &at) != CK_OK ||
        ck__str_decode(buf, size, at, &kit, &at) != CK_OK || at != size)
        return CK_ERR_BAD_PAYLOAD;
    hello->protocol_version = ck__le32(buf);
    hello->host_pid = ck__le32(buf + 4);
    hello->schema_hash = hash.text;
    hello->schema_hash_len = hash.len;
    hello->kit_version = kit.text;
    hello->kit_version_len = kit.len;
    return CK_OK;
}

int ck__spawned_decode(const uint8_t *buf, size_t size, uint32_t *pid, uint32_t *process_group) {
    if (buf == NULL || pid == NULL || process_group == NULL)
        return CK_ERR_INVALID_ARG;
    if (size != 8)
        return CK_ERR_BAD_PAYLOAD;
    *pid = ck__le32(buf);
    *process_group = ck__le32(buf + 4);
    return CK_OK;
}

int ck__exited_decode(const uint8_t *buf, size_t size, uint32_t *pid, int32_t *exit_code) {
    if (buf == NULL || pid == NULL || exit_code == NULL)
        return CK_ERR_INVALID_ARG;
    if (size != 8)
        return CK_ERR_BAD_PAYLOAD;
    uint32_t code = ck__le32(buf + 4);
    *pid = ck__le32(buf);
    /* Two's complement on the wire; spelt out because the cast is implementation-defined. */
    *exit_code = code <= INT32_MAX ? (int32_t)code : -(int32_t)(UINT32_MAX - code) - 1;
    return CK_OK;
}

int ck__control_encode(uint32_t control_code, const uint8_t *input, size_t input_size,
                       uint8_t **out, size_t *size) {
    if (out == NULL || size == NULL || (input == NULL && input_size != 0))
        return CK_ERR_INVALID_ARG;
    *out = NULL;
    *size = 0;
    if (input_size > CK_FRAME_MAX_PAYLOAD - 4)
        return CK_ERR_BAD_PAYLOAD;
    uint8_t *buf = malloc(4 + input_size);
    if (buf == NULL)
        return CK_ERR_NOMEM;
    ck__put32(buf, control_code);
    if (input_size != 0)
        memcpy(buf + 4, input, input_size);
    *out = buf;
    *size = 4 + input_size;
    return CK_OK;
}
