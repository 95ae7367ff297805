// The object types of the local FailoverClusters module: the names, enums and members of
// Microsoft.FailoverClusters.PowerShell that the module's cmdlets return and accept, so that
// scripts written against a real cluster (and their format and type checks) work unchanged.
// Only the members the local cluster can fill are present.
using System;
using System.ComponentModel;

namespace Microsoft.FailoverClusters.PowerShell
{
    // The numbers are the CLUSPROP formats of the values (ClusApi.h).
    public enum ClusterParameterType
    {
        Unknown = 0, ByteArray = 1, UInt32 = 2, String = 3, ExpandString = 4,
        StringCollection = 5, UInt64 = 6, Int32 = 7, ExpandedString = 8, Int64 = 10,
        UInt16 = 11, DateTime = 12
    }

    // CLUSTER_RESOURCE_STATE.
    public enum ClusterResourceState
    {
        Unknown = -1, Inherited = 0, Initializing = 1, Online = 2, Offline = 3, Failed = 4,
        Pending = 128, OnlinePending = 129, OfflinePending = 130
    }

    // CLUSTER_GROUP_STATE.
    public enum ClusterGroupState
    {
        Unknown = -1, Online = 0, Offline = 1, Failed = 2, PartialOnline = 3, Pending = 4
    }

    // CLUSTER_NODE_STATE.
    public enum ClusterNodeState
    {
        Unknown = -1, Up = 0, Down = 1, Paused = 2, Joining = 3
    }

    public class Cluster
    {
        public string Name { get; set; }
        public override string ToString() { return Name; }
    }

    // Every cluster object prints as its name, as the real ones do.
    public abstract class ClusterObject
    {
        public string Name { get; set; }
        public Cluster Cluster { get; set; }
        public override string ToString() { return Name; }
    }

    public class ClusterNode : ClusterObject
    {
        public string Id { get; set; }
        public ClusterNodeState State { get; set; }
    }

    public class ClusterGroup : ClusterObject
    {
        public ClusterNode OwnerNode { get; set; }
        public ClusterGroupState State { get; set; }
    }

    public class ClusterResourceType : ClusterObject
    {
        public string DisplayName { get; set; }
        public string DllName { get; set; }
        public uint LooksAlivePollInterval { get; set; }
        public uint IsAlivePollInterval { get; set; }
        public uint PendingTimeout { get; set; }
        public uint DeadlockTimeout { get; set; }
    }

    public class ClusterResource : ClusterObject
    {
        public ClusterResourceState State { get; set; }
        public ClusterGroup OwnerGroup { get; set; }
        public ClusterNode OwnerNode { get; set; }
        public ClusterResourceType ResourceType { get; set; }
        public string StatusInformation { get; set; }
        public bool SeparateMonitor { get; set; }
        public uint MonitorProcessId { get; set; }
        public uint RestartAction { get; set; }
        public uint RestartThreshold { get; set; }
        public uint RestartPeriod { get; set; }
        public uint RestartDelay { get; set; }
        public uint RetryPeriodOnFailure { get; set; }
        public uint PendingTimeout { get; set; }
        public uint DeadlockTimeout { get; set; }
        public uint LooksAlivePollInterval { get; set; }
        public uint IsAlivePollInterval { get; set; }
    }

    public class ClusterParameter
    {
        public ClusterParameter(ClusterObject clusterObject, string name, object value)
            : this(clusterObject, name, value, false, ClusterParameterType.Unknown) { }

        public ClusterParameter(ClusterObject clusterObject, string name, object value,
                                ClusterParameterType type)
            : this(clusterObject, name, value, false, type) { }

        public ClusterParameter(ClusterObject clusterObject, string name, object value,
                                bool isReadOnly, ClusterParameterType type)
        {
            ClusterObject = clusterObject;
            Name = name;
            Value = value;
            IsReadOnly = isReadOnly;
            ParameterType = type;
        }

        public ClusterObject ClusterObject { get; set; }
        public string Name { get; set; }
        public bool IsReadOnly { get; set; }
        public ClusterParameterType ParameterType { get; set; }
        public object Value { get; set; }
    }

    // The exception of every refusal; Win32 status in the inner exception, as on Windows.
    public class ClusterCmdletException : Exception
    {
        public ClusterCmdletException(string message, int win32, string win32Name,
                                      string win32Message, string reason)
            : base(message, new Win32Exception(win32, win32Message))
        {
            Win32Code = win32;
            Win32Name = win32Name;
            Reason = reason;
        }

        public int Win32Code { get; private set; }
        public string Win32Name { get; private set; }
        // What the resource library logged as its reason (the cluster log line), if any.
        public string Reason { get; private set; }
    }
}
