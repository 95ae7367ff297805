/*
 * errors.h - the core's internal error codes: one X-macro list gives each code its
 * value, its name and its message. Codes are negative; 0 is success. Win32 codes are
 * used only at the RHS boundary.
 */
#ifndef CK_ERRORS_H
#define CK_ERRORS_H

/* The names are shared with the TypeScript codecs (docs/protocol.md): ERR_TOO_SHORT..
 * ERR_REQUEST_ID are FrameError codes, ERR_BAD_PAYLOAD is PayloadError's BAD_PAYLOAD. */
#define CK_ERRNO_MAP(X)                                                                            \
    X(ERR_TOO_SHORT, -1, "frame length is below the 16-byte header")                               \
    X(ERR_TOO_LONG, -2, "frame length is above 16 + 1 MiB")                                        \
    X(ERR_VERSION, -3, "frame version is not 1")                                                   \
    X(ERR_KIND, -4, "frame kind is not 1 (request), 2 (response) or 3 (event)")                    \
    X(ERR_REQUEST_ID, -5, "request id is zero in a request/response or non-zero in an event")      \
    X(ERR_BAD_PAYLOAD, -6, "payload does not have the layout its code requires")                   \
    X(ERR_NOMEM, -20, "out of memory")                                                             \
    X(ERR_INVALID_ARG, -21, "invalid argument")                                                    \
    X(ERR_SPAWN, -22, "could not start the handler host process")                                  \
    X(ERR_NODE_NOT_FOUND, -23, "node executable not found")                                        \
    X(ERR_HOST_DEAD, -24, "the handler host is not running")                                       \
    X(ERR_TIMEOUT, -25, "the operation timed out")                                                 \
    X(ERR_HANDSHAKE, -26, "the handler host sent a bad or unexpected HELLO")                       \
    X(ERR_IO, -27, "pipe read or write failed")                                                    \
    X(ERR_ABORTED, -28, "the operation was aborted")

enum {
#define CK__ERR_ENUM(name, value, msg) CK_##name = value,
    CK_ERRNO_MAP(CK__ERR_ENUM)
#undef CK__ERR_ENUM
        CK_OK = 0
};

/* "ERR_TOO_SHORT" etc.; "OK" for 0; "ERR_UNKNOWN" for anything else. Never NULL. */
const char *ck__err_name(int err);
/* A sentence describing the error. Never NULL. */
const char *ck__err_message(int err);

#endif /* CK_ERRORS_H */
