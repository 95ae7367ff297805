/*
 * koffi mirror of native/include/ck_resapi.h and clusterkit.h: one prototype per C
 * declaration, in header order. Strings are UTF-16 (`const char16_t *`) on every
 * platform because the library defines WCHAR as a 16-bit unit.
 */
import koffi from 'koffi';

type KoffiType = ReturnType<typeof koffi.type>;
type KoffiLib = ReturnType<typeof koffi.load>;
type KoffiFn = ReturnType<KoffiLib['func']>;

/** The koffi type objects of the Resource API subset the harness drives. */
export interface ResApiTypes {
  RESOURCE_STATUS: KoffiType;
  RESOURCE_STATUS_EX: KoffiType;
  PSET_RESOURCE_STATUS_ROUTINE: KoffiType;
  PSET_RESOURCE_STATUS_ROUTINE_EX: KoffiType;
  PLOG_EVENT_ROUTINE: KoffiType;
  PQUORUM_RESOURCE_LOST: KoffiType;
  POPEN_ROUTINE: KoffiType;
  PCLOSE_ROUTINE: KoffiType;
  PONLINE_ROUTINE: KoffiType;
  POFFLINE_ROUTINE: KoffiType;
  PTERMINATE_ROUTINE: KoffiType;
  PIS_ALIVE_ROUTINE: KoffiType;
  PLOOKS_ALIVE_ROUTINE: KoffiType;
  PARBITRATE_ROUTINE: KoffiType;
  PRELEASE_ROUTINE: KoffiType;
  PRESOURCE_CONTROL_ROUTINE: KoffiType;
  PRESOURCE_TYPE_CONTROL_ROUTINE: KoffiType;
  POPEN_V2_ROUTINE: KoffiType;
  PONLINE_V2_ROUTINE: KoffiType;
  POFFLINE_V2_ROUTINE: KoffiType;
  PCANCEL_ROUTINE: KoffiType;
  CLRES_V1_FUNCTIONS: KoffiType;
  CLRES_V2_FUNCTIONS: KoffiType;
  CLRES_TABLE_HEADER: KoffiType;
  CLRES_FUNCTION_TABLE_V1: KoffiType;
  CLRES_FUNCTION_TABLE_V2: KoffiType;
  PSTARTUP_ROUTINE: KoffiType;
  DB_QUERY: KoffiType;
  DB_SET: KoffiType;
  DB_DELETE: KoffiType;
  EVENT_SIGNALED: KoffiType;
  ck_host_services: KoffiType;
}

function createTypes(): ResApiTypes {
  // Anonymous types: koffi's type registry is process-wide and refuses duplicate names,
  // and test runners may evaluate this module more than once in one process.
  const p = (result: string, args: (string | KoffiType)[]) => koffi.proto(null, result, args);
  const RESOURCE_STATUS = koffi.struct({
    ResourceState: 'int32_t', // CLUSTER_RESOURCE_STATE
    CheckPoint: 'uint32_t',
    WaitHint: 'uint32_t',
    EventHandle: 'void *',
  });
  // The SDK layout; mingw's copy lacks the trailing WaitHint.
  const RESOURCE_STATUS_EX = koffi.struct({
    ResourceState: 'int32_t',
    CheckPoint: 'uint32_t',
    EventHandle: 'void *',
    ApplicationSpecificErrorCode: 'uint32_t',
    Flags: 'uint32_t',
    WaitHint: 'uint32_t',
  });
  const PSET_RESOURCE_STATUS_ROUTINE = p('uint32_t', ['void *', koffi.pointer(RESOURCE_STATUS)]);
  const PSET_RESOURCE_STATUS_ROUTINE_EX = p('uint32_t', [
    'void *',
    koffi.pointer(RESOURCE_STATUS_EX),
  ]);
  // Variadic in the SDK; the library always calls LogEvent(h, level, u"%1!s!\n", text).
  const PLOG_EVENT_ROUTINE = p('void', [
    'void *',
    'uint32_t',
    'const char16_t *',
    'const char16_t *',
  ]);
  const PQUORUM_RESOURCE_LOST = p('void', ['void *']);
  const POPEN_ROUTINE = p('void *', ['const char16_t *', 'void *', 'void *']);
  const PCLOSE_ROUTINE = p('void', ['void *']);
  const PONLINE_ROUTINE = p('uint32_t', ['void *', 'void *']);
  const POFFLINE_ROUTINE = p('uint32_t', ['void *']);
  const PTERMINATE_ROUTINE = p('void', ['void *']);
  const PIS_ALIVE_ROUTINE = p('int32_t', ['void *']);
  const PLOOKS_ALIVE_ROUTINE = p('int32_t', ['void *']);
  const PARBITRATE_ROUTINE = p('uint32_t', ['void *', 'void *']);
  const PRELEASE_ROUTINE = p('uint32_t', ['void *']);
  const PRESOURCE_CONTROL_ROUTINE = p('uint32_t', [
    'void *',
    'uint32_t',
    'void *',
    'uint32_t',
    'void *',
    'uint32_t',
    'void *',
  ]);
  const PRESOURCE_TYPE_CONTROL_ROUTINE = p('uint32_t', [
    'const char16_t *',
    'uint32_t',
    'void *',
    'uint32_t',
    'void *',
    'uint32_t',
    'void *',
  ]);
  const POPEN_V2_ROUTINE = p('void *', ['const char16_t *', 'void *', 'void *', 'uint32_t']);
  const PONLINE_V2_ROUTINE = p('uint32_t', [
    'void *',
    'void *',
    'uint32_t',
    'void *',
    'uint32_t',
    'uint32_t',
  ]);
  const POFFLINE_V2_ROUTINE = p('uint32_t', [
    'void *',
    'const char16_t *',
    'uint32_t',
    'void *',
    'uint32_t',
    'uint32_t',
  ]);
  const PCANCEL_ROUTINE = p('uint32_t', ['void *', 'uint32_t']);
  // Slots are read as raw pointers and decoded with the proto of the negotiated version.
  const v1Slots = [
    'Open',
    'Close',
    'Online',
    'Offline',
    'Terminate',
    'LooksAlive',
    'IsAlive',
    'Arbitrate',
    'Release',
    'ResourceControl',
    'ResourceTypeControl',
  ];
  const slotStruct = (names: string[]) =>
    koffi.struct(Object.fromEntries(names.map((n) => [n, 'void *'])));
  const CLRES_V1_FUNCTIONS = slotStruct(v1Slots);
  const CLRES_V2_FUNCTIONS = slotStruct([...v1Slots, 'Cancel']);
  const CLRES_TABLE_HEADER = koffi.struct({ TableSize: 'uint32_t', Version: 'uint32_t' });
  const CLRES_FUNCTION_TABLE_V1 = koffi.struct({
    TableSize: 'uint32_t',
    Version: 'uint32_t',
    V1Functions: CLRES_V1_FUNCTIONS,
  });
  const CLRES_FUNCTION_TABLE_V2 = koffi.struct({
    TableSize: 'uint32_t',
    Version: 'uint32_t',
    V2Functions: CLRES_V2_FUNCTIONS,
  });
  const PSTARTUP_ROUTINE = p('uint32_t', [
    'const char16_t *',
    'uint32_t',
    'uint32_t',
    'void *',
    'void *',
    'void *',
  ]);
  const DB_QUERY = p('uint32_t', ['void *', 'const char16_t *', 'void *', 'void *', 'void *']);
  const DB_SET = p('uint32_t', ['void *', 'const char16_t *', 'uint32_t', 'void *', 'uint32_t']);
  const DB_DELETE = p('uint32_t', ['void *', 'const char16_t *']);
  const EVENT_SIGNALED = p('void', ['void *']);
  const ck_host_services = koffi.struct({
    size: 'uint32_t',
    db_query: 'void *',
    db_set: 'void *',
    db_delete: 'void *',
    event_signaled: 'void *',
    type_key: 'void *',
  });
  return {
    RESOURCE_STATUS,
    RESOURCE_STATUS_EX,
    PSET_RESOURCE_STATUS_ROUTINE,
    PSET_RESOURCE_STATUS_ROUTINE_EX,
    PLOG_EVENT_ROUTINE,
    PQUORUM_RESOURCE_LOST,
    POPEN_ROUTINE,
    PCLOSE_ROUTINE,
    PONLINE_ROUTINE,
    POFFLINE_ROUTINE,
    PTERMINATE_ROUTINE,
    PIS_ALIVE_ROUTINE,
    PLOOKS_ALIVE_ROUTINE,
    PARBITRATE_ROUTINE,
    PRELEASE_ROUTINE,
    PRESOURCE_CONTROL_ROUTINE,
    PRESOURCE_TYPE_CONTROL_ROUTINE,
    POPEN_V2_ROUTINE,
    PONLINE_V2_ROUTINE,
    POFFLINE_V2_ROUTINE,
    PCANCEL_ROUTINE,
    CLRES_V1_FUNCTIONS,
    CLRES_V2_FUNCTIONS,
    CLRES_TABLE_HEADER,
    CLRES_FUNCTION_TABLE_V1,
    CLRES_FUNCTION_TABLE_V2,
    PSTARTUP_ROUTINE,
    DB_QUERY,
    DB_SET,
    DB_DELETE,
    EVENT_SIGNALED,
    ck_host_services,
  };
}

const TYPES_KEY = Symbol.for('clusterkit.harness.resapi-types');

/** The process-wide koffi types (created once per process). */
export function resApiTypes(): ResApiTypes {
  const g = globalThis as unknown as Record<symbol, ResApiTypes | undefined>;
  return (g[TYPES_KEY] ??= createTypes());
}

/** The two exports of a resource library that the harness calls by name. */
export interface LibraryExports {
  lib: KoffiLib;
  Startup: KoffiFn;
  CkBindHostServices: KoffiFn;
}

/** dlopen()s a resource library and binds Startup and CkBindHostServices. */
export function bindLibrary(path: string): LibraryExports {
  const lib = koffi.load(path);
  const Startup = lib.func('Startup', 'uint32_t', [
    'const char16_t *',
    'uint32_t',
    'uint32_t',
    'void *',
    'void *',
    koffi.out(koffi.pointer('void *')),
  ]);
  // Takes `const ck_host_services *`; the caller passes stable koffi.alloc() memory because
  // the library may keep the pointer rather than copy the table.
  const CkBindHostServices = lib.func('ck_bind_host_services', 'uint32_t', ['void *']);
  return { lib, Startup, CkBindHostServices };
}

export { koffi };
export type { KoffiType, KoffiLib, KoffiFn };
