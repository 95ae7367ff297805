#!/bin/sh
# PID 1 of one rig node: runs inside the node's own mount and PID namespaces (and network
# namespace), gives the node private copies of the paths Pacemaker and Corosync write to,
# then runs corosync and pacemakerd in the foreground. Every input comes from the
# environment the rig sets; nothing here is built from test input.
#   RIG_NODE_DIR        the node's folder (lib/, log/, corosync/, resource.d/ prepared by the rig)
#   RIG_AGENT_PROVIDER  optional OCF provider name whose agents come from RIG_AGENT_DIR
#   RIG_AGENT_DIR       optional folder bind-mounted as /usr/lib/ocf/resource.d/$RIG_AGENT_PROVIDER
set -eu
: "${RIG_NODE_DIR:?}"

# 1. Private mounts: nothing below leaks to the host or to the other node.
mount --make-rprivate /
if [ -n "${RIG_NODE_NAME:-}" ]; then hostname "$RIG_NODE_NAME"; fi
mount -t tmpfs -o mode=0755 rig-run /run
mount -t tmpfs -o mode=1777 rig-shm /dev/shm
mount --bind "$RIG_NODE_DIR/lib" /var/lib/pacemaker
mount --bind "$RIG_NODE_DIR/log" /var/log
mount --bind "$RIG_NODE_DIR/corosync" /etc/corosync

# 2. The agent folder: the host's providers plus the test's own, so nothing is installed.
res="$RIG_NODE_DIR/resource.d"
for d in /usr/lib/ocf/resource.d/*; do
  [ -d "$d" ] || continue
  p=${d##*/}
  mkdir -p "$res/$p"
  mount --bind "$d" "$res/$p"
done
if [ -n "${RIG_AGENT_PROVIDER:-}" ]; then
  mkdir -p "$res/$RIG_AGENT_PROVIDER"
  mount --bind "${RIG_AGENT_DIR:?}" "$res/$RIG_AGENT_PROVIDER"
fi
mount --rbind "$res" /usr/lib/ocf/resource.d

# 3. Runtime folders the packages' tmpfiles.d would have made.
mkdir -p /run/crm /run/pacemaker /run/corosync /run/resource-agents /run/lock
chown hacluster:haclient /run/crm /run/pacemaker
chmod 0750 /run/crm /run/pacemaker
chmod 1755 /run/resource-agents
ip link set lo up

# 4. A stop request (TERM from the rig, or the lifeline below) stops pacemakerd; the loop
#    at the end then stops corosync. PID 1 only gets the signals it has a handler for.
pacemakerd_pid=
stop_requested=
trap 'stop_requested=1; [ -z "$pacemakerd_pid" ] || kill -TERM "$pacemakerd_pid" 2>/dev/null || true' TERM INT

# 5. Lifeline: stdin is a pipe from the test process. When that process goes away for any
#    reason, the pipe reaches end-of-file and the node shuts itself down.
exec 3<&0
(cat <&3 >/dev/null; kill -TERM 1) &

# 6. Corosync first; pacemakerd refuses to start until corosync answers.
corosync -f -c /etc/corosync/corosync.conf </dev/null >/var/log/corosync/corosync.out 2>&1 &
corosync_pid=$!
tries=0
until [ -n "$stop_requested" ] || corosync-cfgtool -s >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 400 ] || ! kill -0 "$corosync_pid" 2>/dev/null; then
    echo "rig: corosync did not come up" >&2
    exit 70
  fi
  sleep 0.05
done

if [ -z "$stop_requested" ]; then
  PCMK_logfile=/var/log/pacemaker/pacemaker.log PCMK_logfacility=none \
    pacemakerd -f </dev/null >/var/log/pacemaker/pacemakerd.out 2>&1 &
  pacemakerd_pid=$!
  echo "rig: node up" >&2
fi

# 7. As PID 1 this shell also reaps orphans (an agent's detached children) while it waits.
while [ -n "$pacemakerd_pid" ] && kill -0 "$pacemakerd_pid" 2>/dev/null; do
  wait "$pacemakerd_pid" || true
done
kill -TERM "$corosync_pid" 2>/dev/null || true
while kill -0 "$corosync_pid" 2>/dev/null; do
  wait "$corosync_pid" || true
done
echo "rig: node down" >&2
