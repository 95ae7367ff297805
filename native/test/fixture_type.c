/*
 * fixture_type.c - a hand-written type table for the C tests only (the generator writes
 * the real ones). A few properties of different formats and short timeouts, so failure
 * paths finish quickly.
 */
#include "clusterkit.h"

static const WCHAR type_name[] = {'C', 'k', 'T', 'e', 's', 't', 'T', 'y', 'p', 'e', 0};
static const WCHAR display_name[] = {'C', 'K', ' ', 'T', 'e', 's', 't', 0};

static const WCHAR n_port[] = {'P', 'o', 'r', 't', 0};
static const WCHAR n_greeting[] = {'G', 'r', 'e', 'e', 't', 'i', 'n', 'g', 0};
static const WCHAR n_data_dir[] = {'D', 'a', 't', 'a', 'D', 'i', 'r', 0};
static const WCHAR n_peers[] = {'P', 'e', 'e', 'r', 's', 0};
static const WCHAR n_verbose[] = {'V', 'e', 'r', 'b', 'o', 's', 'e', 0};
static const WCHAR n_offset[] = {'O', 'f', 'f', 's', 'e', 't', 0};
static const WCHAR n_quota[] = {'Q', 'u', 'o', 't', 'a', 0};
static const WCHAR n_token[] = {'T', 'o', 'k', 'e', 'n', 0};
static const WCHAR n_status[] = {'S', 't', 'a', 't', 'u', 's', 0};
static const WCHAR n_mode[] = {'M', 'o', 'd', 'e', 0};
static const WCHAR n_password[] = {'P', 'a', 's', 's', 'w', 'o', 'r', 'd', 0};
static const WCHAR c_fast[] = {'f', 'a', 's', 't', 0};
static const WCHAR c_smart[] = {'s', 'm', 'a', 'r', 't', 0};
static const WCHAR *const mode_choices[] = {c_fast, c_smart};

static const BYTE d_port[] = {0x58, 0x1B, 0, 0}; /* 7000 */
static const BYTE d_greeting[] = {'h', 0, 'i', 0, 0, 0};
static const BYTE d_data_dir[] = {'/', 0, 't', 0, 'm', 0, 'p', 0, 0, 0};
static const BYTE d_peers[] = {0, 0};
static const BYTE d_verbose[] = {0, 0, 0, 0};
static const BYTE d_offset[] = {0, 0, 0, 0};
static const BYTE d_quota[] = {0, 0, 0, 0, 0, 0, 0, 0};
static const BYTE d_mode[] = {'f', 0, 'a', 0, 's', 0, 't', 0, 0, 0};

static const ck_prop_desc props[] = {
    {n_port, CLUSPROP_FORMAT_DWORD, CK_PROP_HAS_DEFAULT | CK_PROP_HAS_MIN | CK_PROP_HAS_MAX, d_port,
     sizeof d_port, 1, 65535, NULL, 0},
    {n_greeting, CLUSPROP_FORMAT_SZ, CK_PROP_HAS_DEFAULT, d_greeting, sizeof d_greeting, 0, 0, NULL,
     0},
    {n_data_dir, CLUSPROP_FORMAT_EXPAND_SZ, CK_PROP_HAS_DEFAULT, d_data_dir, sizeof d_data_dir, 0,
     0, NULL, 0},
    {n_peers, CLUSPROP_FORMAT_MULTI_SZ, CK_PROP_HAS_DEFAULT, d_peers, sizeof d_peers, 0, 0, NULL,
     0},
    {n_verbose, CLUSPROP_FORMAT_DWORD, CK_PROP_HAS_DEFAULT | CK_PROP_HAS_MIN | CK_PROP_HAS_MAX,
     d_verbose, sizeof d_verbose, 0, 1, NULL, 0},
    {n_offset, CLUSPROP_FORMAT_LONG,
     CK_PROP_SIGNED | CK_PROP_HAS_DEFAULT | CK_PROP_HAS_MIN | CK_PROP_HAS_MAX, d_offset,
     sizeof d_offset, (uint64_t)(int64_t)-10, 10, NULL, 0},
    {n_quota, CLUSPROP_FORMAT_ULARGE_INTEGER, CK_PROP_HAS_DEFAULT, d_quota, sizeof d_quota, 0, 0,
     NULL, 0},
    {n_token, CLUSPROP_FORMAT_BINARY, 0, NULL, 0, 0, 0, NULL, 0},
    {n_status, CLUSPROP_FORMAT_SZ, CK_PROP_READ_ONLY, NULL, 0, 0, 0, NULL, 0},
    {n_mode, CLUSPROP_FORMAT_SZ, CK_PROP_HAS_DEFAULT, d_mode, sizeof d_mode, 0, 0, mode_choices, 2},
    {n_password, CLUSPROP_FORMAT_SZ, CK_PROP_SECRET, NULL, 0, 0, 0, NULL, 0},
};

const ck_type_desc ck_type = {
    .type_name = type_name,
    .type_name_utf8 = "CkTestType",
    .display_name = display_name,
    .version = "1.0.0",
    .schema_hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    .handler_file = "CkTestType.handler.js",
    .node_path = "",
    .props = props,
    .prop_count = sizeof props / sizeof props[0],
    .type_props = NULL,
    .type_prop_count = 0,
    .characteristics = 0,
    .resource_class = CLUS_RESCLASS_USER,
    .timeouts = {.open = 2000,
                 .close = 2000,
                 .online = 3000,
                 .offline = 3000,
                 .terminate = 1000,
                 .looks_alive = 500,
                 .is_alive = 1000,
                 .control = 2000,
                 .handshake = 3000},
    .progress_interval_ms = 0,
};
