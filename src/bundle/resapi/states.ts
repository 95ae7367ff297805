/**
 * Enumerations and versions of the Resource API (Resapi.h, ClusApi.h) as declared in
 * native/include/ck_resapi.h: resource states, log levels, exit states, function-table
 * versions and the V2 entry-point flags.
 */

/** Resource API versions (CLRES_FUNCTION_TABLE.Version). */
export const CLRES_VERSION_V1_00 = 0x100;
export const CLRES_VERSION_V2_00 = 0x200;
export const CLRES_VERSION_V3_00 = 0x300;
export const CLRES_VERSION_V4_00 = 0x400;

/** CLUSTER_RESOURCE_STATE. */
export const ClusterResourceStateUnknown = -1;
export const ClusterResourceInherited = 0;
export const ClusterResourceInitializing = 1;
export const ClusterResourceOnline = 2;
export const ClusterResourceOffline = 3;
export const ClusterResourceFailed = 4;
export const ClusterResourcePending = 128;
export const ClusterResourceOnlinePending = 129;
export const ClusterResourceOfflinePending = 130;

/** LOG_LEVEL of LogEvent. */
export const LOG_INFORMATION = 0;
export const LOG_WARNING = 1;
export const LOG_ERROR = 2;
export const LOG_SEVERE = 3;

/** RESOURCE_EXIT_STATE: what SetResourceStatus answers. */
export const ResourceExitStateContinue = 0;
export const ResourceExitStateTerminate = 1;
export const ResourceExitStateMax = 2;

/** Flags of the V2 entry points. */
export const CLUS_RESDLL_OPEN_RECOVER_MONITOR_STATE = 0x1;
export const CLUS_RESDLL_ONLINE_RECOVER_MONITOR_STATE = 0x1;
export const CLUS_RESDLL_ONLINE_IGNORE_RESOURCE_STATUS = 0x2;
export const CLUS_RESDLL_OFFLINE_IGNORE_RESOURCE_STATUS = 0x1;
