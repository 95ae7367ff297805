/*
 * koffi mirror of native/include/ck_resapi.h and clusterkit.h: one prototype per C
 * declaration, in header order. Strings are UTF-16 (`const char16_t *`) on every
 * platform because the library defines WCHAR as a 16-bit unit.
 */
import koffi from 'koffi';

type KoffiType = ReturnType<typeof koffi.type>;
type KoffiLib = ReturnType<typeof koffi.load>;
type KoffiFn = ReturnType<KoffiLib['func']>;
/** What koffi.type() tells about a prototype. */
export interface KoffiProto {
  proto: { arguments: { type: KoffiType }[]; result: KoffiType };
}

/** The koffi type objects of the Resource API subset the harness drives. */
export type ResApiTypes = ReturnType<typeof createTypes>;

const WSTR = 'const char16_t *';
const U32 = 'uint32_t';
const PTR = 'void *';

function createTypes() {
  // Anonymous types: koffi's type registry is process-wide and refuses duplicate names,
  // and test runners may evaluate this module more than once in one process.
  const p = (result: string, args: (string | KoffiType)[]) => koffi.proto(null, result, args);
  const slots = (names: string[]) => koffi.struct(Object.fromEntries(names.map((n) => [n, PTR])));

  // ---- ck_resapi.h, in header order ----
  const RESOURCE_STATUS = koffi.struct({
    ResourceState: 'int32_t', // CLUSTER_RESOURCE_STATE
    CheckPoint: U32,
    WaitHint: U32,
    EventHandle: PTR,
  });
  // The SDK layout; mingw's copy lacks the trailing WaitHint.
  const RESOURCE_STATUS_EX = koffi.struct({
    ResourceState: 'int32_t',
    CheckPoint: U32,
    EventHandle: PTR,
    ApplicationSpecificErrorCode: U32,
    Flags: U32,
    WaitHint: U32,
  });
  const PSET_RESOURCE_STATUS_ROUTINE = p(U32, [PTR, koffi.pointer(RESOURCE_STATUS)]);
  const PSET_RESOURCE_STATUS_ROUTINE_EX = p(U32, [PTR, koffi.pointer(RESOURCE_STATUS_EX)]);
  // Variadic in the SDK; the library always calls LogEvent(h, level, u"%1!s!\n", text).
  const PLOG_EVENT_ROUTINE = p('void', [PTR, U32, WSTR, WSTR]);
  const PQUORUM_RESOURCE_LOST = p('void', [PTR]);
  const POPEN_ROUTINE = p(PTR, [WSTR, PTR, PTR]);
  const PCLOSE_ROUTINE = p('void', [PTR]);
  const PONLINE_ROUTINE = p(U32, [PTR, PTR]);
  const POFFLINE_ROUTINE = p(U32, [PTR]);
  const PTERMINATE_ROUTINE = p('void', [PTR]);
  const PIS_ALIVE_ROUTINE = p('int32_t', [PTR]);
  const PLOOKS_ALIVE_ROUTINE = p('int32_t', [PTR]);
  const PARBITRATE_ROUTINE = p(U32, [PTR, PTR]);
  const PRELEASE_ROUTINE = p(U32, [PTR]);
  const PRESOURCE_CONTROL_ROUTINE = p(U32, [PTR, U32, PTR, U32, PTR, U32, PTR]);
  const PRESOURCE_TYPE_CONTROL_ROUTINE = p(U32, [WSTR, U32, PTR, U32, PTR, U32, PTR]);
  const POPEN_V2_ROUTINE = p(PTR, [WSTR, PTR, PTR, U32]);
  const PONLINE_V2_ROUTINE = p(U32, [PTR, PTR, U32, PTR, U32, U32]);
  const POFFLINE_V2_ROUTINE = p(U32, [PTR, WSTR, U32, PTR, U32, U32]);
  const PCANCEL_ROUTINE = p(U32, [PTR, U32]);
  // Slots are read as raw pointers and decoded with the proto of the negotiated version.
  const v1 = [
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
  const CLRES_V1_FUNCTIONS = slots(v1);
  const CLRES_V2_FUNCTIONS = slots([...v1, 'Cancel']);
  const PBEGIN_RESCALL_ROUTINE = p(U32, [PTR, U32, PTR, U32, PTR, U32, PTR, 'int64_t', PTR]);
  const PBEGIN_RESTYPECALL_ROUTINE = p(U32, [WSTR, U32, PTR, U32, PTR, U32, PTR, 'int64_t', PTR]);
  const PBEGIN_RESCALL_AS_USER_ROUTINE = p(U32, [
    PTR,
    PTR,
    U32,
    PTR,
    U32,
    PTR,
    U32,
    PTR,
    'int64_t',
    PTR,
  ]);
  const PBEGIN_RESTYPECALL_AS_USER_ROUTINE = p(U32, [
    WSTR,
    PTR,
    U32,
    PTR,
    U32,
    PTR,
    U32,
    PTR,
    'int64_t',
    PTR,
  ]);
  const v3 = [...v1.slice(0, 9), 'BeginResourceControl', 'BeginResourceTypeControl', 'Cancel'];
  const CLRES_V3_FUNCTIONS = slots(v3);
  const CLRES_V4_FUNCTIONS = slots([
    ...v3,
    'BeginResourceControlAsUser',
    'BeginResourceTypeControlAsUser',
  ]);
  const CLRES_FUNCTION_TABLE = koffi.struct({
    TableSize: U32,
    Version: U32,
    // Anonymous in C; koffi needs a member name for the union.
    u: koffi.union({
      V1Functions: CLRES_V1_FUNCTIONS,
      V2Functions: CLRES_V2_FUNCTIONS,
      V3Functions: CLRES_V3_FUNCTIONS,
      V4Functions: CLRES_V4_FUNCTIONS,
    }),
  });
  const PSTARTUP_ROUTINE = p(U32, [WSTR, U32, U32, PTR, PTR, koffi.pointer(PTR)]);
  // The library reads LogEvent and SetResourceStatusEx only; the rest are there for the layout.
  const CLRES_CALLBACK_FUNCTION_TABLE = slots([
    'LogEvent',
    'SetResourceStatusEx',
    'SetResourceLockedMode',
    'SignalFailure',
    'SetResourceInMemoryNodeLocalProperties',
    'EndControlCall',
    'EndTypeControlCall',
    'ExtendControlCall',
    'ExtendTypeControlCall',
    'RaiseResTypeNotification',
    'ChangeResourceProcessForDumps',
    'ChangeResTypeProcessForDumps',
    'SetInternalState',
    'SetResourceLockedModeEx',
    'RequestDump',
    'SetResourceWprPolicy',
    'ArmWprWatchdogForCurrentResourceCall',
  ]);
  const PSTARTUP_EX_ROUTINE = p(U32, [WSTR, U32, U32, PTR, koffi.pointer(PTR)]);
  const CLUS_RESOURCE_CLASS_INFO = koffi.struct({ rc: U32, SubClass: U32 });
  const CLUSPROP_VALUE = koffi.struct({ Syntax: U32, cbLength: U32 });

  // ---- clusterkit.h: the host services the harness provides ----
  const DB_QUERY = p(U32, [PTR, WSTR, PTR, PTR, PTR]);
  const DB_SET = p(U32, [PTR, WSTR, U32, PTR, U32]);
  const DB_DELETE = p(U32, [PTR, WSTR]);
  const EVENT_SIGNALED = p('void', [PTR]);
  const PROTECT = p(U32, [WSTR, PTR, U32, PTR, PTR]);
  const UNPROTECT = p(U32, [WSTR, PTR, U32, PTR, PTR]);
  const ck_host_services = koffi.struct({
    size: U32,
    db_query: PTR, // DB_QUERY
    db_set: PTR, // DB_SET
    db_delete: PTR, // DB_DELETE
    event_signaled: PTR, // EVENT_SIGNALED
    type_key: PTR,
    protect: PTR, // PROTECT
    unprotect: PTR, // UNPROTECT
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
    PBEGIN_RESCALL_ROUTINE,
    PBEGIN_RESTYPECALL_ROUTINE,
    PBEGIN_RESCALL_AS_USER_ROUTINE,
    PBEGIN_RESTYPECALL_AS_USER_ROUTINE,
    CLRES_V3_FUNCTIONS,
    CLRES_V4_FUNCTIONS,
    CLRES_FUNCTION_TABLE,
    PSTARTUP_ROUTINE,
    CLRES_CALLBACK_FUNCTION_TABLE,
    PSTARTUP_EX_ROUTINE,
    CLUS_RESOURCE_CLASS_INFO,
    CLUSPROP_VALUE,
    DB_QUERY,
    DB_SET,
    DB_DELETE,
    EVENT_SIGNALED,
    PROTECT,
    UNPROTECT,
    ck_host_services,
  };
}

const TYPES_KEY = Symbol.for('clusterkit.harness.resapi-types');

/** The process-wide koffi types (created once per process). */
export function resApiTypes(): ResApiTypes {
  const g = globalThis as unknown as Record<symbol, ResApiTypes | undefined>;
  return (g[TYPES_KEY] ??= createTypes());
}

/** The exports of a resource library that the harness calls by name. */
export interface LibraryExports {
  lib: KoffiLib;
  Startup: KoffiFn;
  /** Absent from a library built before it was exported. */
  StartupEx: KoffiFn | undefined;
  CkBindHostServices: KoffiFn;
}

/** dlopen()s a resource library and binds Startup and CkBindHostServices. */
export function bindLibrary(path: string): LibraryExports {
  const lib = koffi.load(path);
  const startup = koffi.type(resApiTypes().PSTARTUP_ROUTINE) as unknown as KoffiProto;
  const args = startup.proto.arguments.map((a) => a.type);
  // The last argument (PCLRES_FUNCTION_TABLE *) is where Startup writes the table pointer.
  const Startup = lib.func('Startup', startup.proto.result, [
    ...args.slice(0, -1),
    koffi.out(args[args.length - 1]),
  ]);
  // Takes `const ck_host_services *`; the caller passes stable koffi.alloc() memory because
  // the library may keep the pointer rather than copy the table.
  const CkBindHostServices = lib.func('ck_bind_host_services', U32, [PTR]);
  const ex = koffi.type(resApiTypes().PSTARTUP_EX_ROUTINE) as unknown as KoffiProto;
  const exArgs = ex.proto.arguments.map((a) => a.type);
  let StartupEx: KoffiFn | undefined;
  try {
    StartupEx = lib.func('StartupEx', ex.proto.result, [
      ...exArgs.slice(0, -1),
      koffi.out(exArgs[exArgs.length - 1]),
    ]);
  } catch {
    StartupEx = undefined; // koffi throws for a symbol the library does not export
  }
  return { lib, Startup, StartupEx, CkBindHostServices };
}

export { koffi };
export type { KoffiType, KoffiLib, KoffiFn };
