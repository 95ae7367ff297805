import {
  chmodSync,
  chownSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { RigError } from './errors.js';

/** Where a node's private copies live on the host, below the run's temp folder. */
export interface NodeDirs {
  root: string;
  /** Bind-mounted over /var/lib/pacemaker. */
  lib: string;
  /** Bind-mounted over /var/log. */
  log: string;
  /** Bind-mounted over /etc/corosync. */
  corosync: string;
  /** Assembled inside the node and bind-mounted over /usr/lib/ocf/resource.d. */
  resourceD: string;
  pacemakerLog: string;
  corosyncLog: string;
  /** The node's PID 1 script's own output. */
  initLog: string;
}

function idOf(file: string, name: string, what: string): number {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const id = line ? Number(line.split(':')[2]) : NaN;
  if (!Number.isInteger(id)) {
    throw new RigError(
      'RIG_MISSING_TOOL',
      `no ${what} ${name} in ${file}; install the pacemaker package (scripts/install-system-deps.sh)`,
    );
  }
  return id;
}

/** Daemons other than corosync run as hacluster:haclient and must own their folders. */
export function haclusterIds(): { uid: number; gid: number } {
  return {
    uid: idOf('/etc/passwd', 'hacluster', 'user'),
    gid: idOf('/etc/group', 'haclient', 'group'),
  };
}

/** Makes the node's folders and writes its corosync.conf and first cib.xml. */
export function prepareNodeDirs(
  root: string,
  files: { corosyncConf: string; cibXml: string },
): NodeDirs {
  const { uid, gid } = haclusterIds();
  const d: NodeDirs = {
    root,
    lib: join(root, 'lib'),
    log: join(root, 'log'),
    corosync: join(root, 'corosync'),
    resourceD: join(root, 'resource.d'),
    pacemakerLog: join(root, 'log', 'pacemaker', 'pacemaker.log'),
    corosyncLog: join(root, 'log', 'corosync', 'corosync.log'),
    initLog: join(root, 'init.log'),
  };
  const owned = (dir: string, mode: number): void => {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, uid, gid);
    chmodSync(dir, mode);
  };
  for (const sub of ['cib', 'pengine', 'blackbox', 'cores']) owned(join(d.lib, sub), 0o750);
  chmodSync(d.lib, 0o755);
  owned(join(d.log, 'pacemaker'), 0o770);
  mkdirSync(join(d.log, 'corosync'), { recursive: true });
  mkdirSync(d.corosync, { recursive: true });
  mkdirSync(d.resourceD, { recursive: true });
  writeFileSync(join(d.corosync, 'corosync.conf'), files.corosyncConf, { mode: 0o644 });
  const cib = join(d.lib, 'cib', 'cib.xml');
  writeFileSync(cib, files.cibXml, { mode: 0o600 });
  chownSync(cib, uid, gid);
  // The log files exist from the start so the rig can watch them before the daemons write.
  for (const f of [d.pacemakerLog, d.corosyncLog, d.initLog]) closeSync(openSync(f, 'a', 0o660));
  chownSync(d.pacemakerLog, uid, gid);
  return d;
}
