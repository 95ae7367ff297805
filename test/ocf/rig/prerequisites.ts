import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { RigError } from './errors.js';

const TOOLS = [
  'ip',
  'unshare',
  'nsenter',
  'mount',
  'corosync',
  'corosync-cfgtool',
  'pacemakerd',
  'crm_mon',
  'cibadmin',
  'crm_resource',
];
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const PROVIDER = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Refuses to start without root or without the packages (scripts/install-system-deps.sh). */
export function requirePrerequisites(): void {
  if (process.getuid?.() !== 0) {
    throw new RigError(
      'RIG_NOT_ROOT',
      'the Pacemaker rig needs root (namespaces, mounts, daemons); run the tests as root',
    );
  }
  const missing = TOOLS.filter(
    (t) =>
      !PATH_DIRS.some((d) => {
        try {
          accessSync(join(d, t), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
  );
  if (missing.length) {
    throw new RigError(
      'RIG_MISSING_TOOL',
      `missing ${missing.join(', ')}; run scripts/install-system-deps.sh as root (pacemaker, corosync, iproute2, util-linux)`,
    );
  }
}

/** Checks the test's agent folder: a plain provider name and an existing absolute folder. */
export function checkAgents(agents: { provider: string; dir: string }): void {
  if (!PROVIDER.test(agents.provider)) {
    throw new RigError(
      'RIG_BAD_INPUT',
      `OCF provider ${JSON.stringify(agents.provider)} must be letters, digits, '_', '.', '-'`,
    );
  }
  if (!isAbsolute(agents.dir) || !statSync(agents.dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new RigError(
      'RIG_BAD_INPUT',
      `agent folder ${JSON.stringify(agents.dir)} must be an existing absolute folder`,
    );
  }
}
