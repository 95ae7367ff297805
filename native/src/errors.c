/* errors.c - names and messages of the internal error list (errors.h). */
#include "errors.h"

const char *ck__err_name(int err) {
    switch (err) {
#define CK__ERR_NAME(name, value, msg)                                                             \
    case value:                                                                                    \
        return #name;
        CK_ERRNO_MAP(CK__ERR_NAME)
#undef CK__ERR_NAME
    case CK_OK:
        return "OK";
    default:
        return "ERR_UNKNOWN";
    }
}

const char *ck__err_message(int err) {
    switch (err) {
#define CK__ERR_MSG(name, value, msg)                                                              \
    case value:                                                                                    \
        return msg;
        CK_ERRNO_MAP(CK__ERR_MSG)
#undef CK__ERR_MSG
    case CK_OK:
        return "success";
    default:
        return "unknown error";
    }
}
