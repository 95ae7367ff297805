/**
 * POSIX accounts for ctx.spawn's `user`/`group` and ctx.account(): names resolved through
 * `getent` (so NSS sources such as LDAP count), read from /etc/passwd and /etc/group where
 * getent is missing. Argument vectors only; a name that could read as an option is refused.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Account } from '../sdk/context.js';
import { ResourceError } from '../sdk/errors.js';

/** Names getent and the passwd format can carry: no ':' or white space, no leading '-'. */
const NAME = /^[A-Za-z0-9._][A-Za-z0-9._$@-]{0,255}$/;
const MAX_ID = 0xfffffffe;

function posixOnly(what: string): void {
  if (process.platform === 'win32') {
    throw new ResourceError(
      `${what} is POSIX-only: on Windows the handler host runs as the cluster service's LocalSystem; run the application as a Windows service under its own account instead (docs/sdk.md, "Running as another account")`,
    );
  }
}

/** The key to look up: a uid/gid as decimal text, or a checked name. */
function key(value: string | number, what: string): string {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_ID)
      throw new ResourceError(`${what} must be a name or an id 0..${MAX_ID}, got ${value}`);
    return String(value);
  }
  if (typeof value !== 'string' || !NAME.test(value))
    throw new ResourceError(
      `${what} ${JSON.stringify(value)} is not an account name (letters, digits, '.', '_', '-'; not starting with '-')`,
    );
  return value;
}

/** The database line of `name` (getent, else the file), or undefined when there is none. */
function entry(database: 'passwd' | 'group', name: string): string[] | undefined {
  try {
    const out = execFileSync('getent', [database, name], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n')[0].split(':');
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { status?: number };
    if (e.code !== 'ENOENT') return undefined; // getent ran: 2 = not found
  }
  const numeric = /^\d+$/.test(name);
  const idField = 2;
  for (const line of readFileSync(`/etc/${database}`, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name || (numeric && fields[idField] === name)) return fields;
  }
  return undefined;
}

/** The account of a user name or uid; throws a one-line ResourceError when there is none. */
export function lookupUser(user: string | number): Account {
  posixOnly('the user option');
  const k = key(user, 'user');
  const f = entry('passwd', k);
  if (!f || f.length < 7)
    throw new ResourceError(
      `user ${JSON.stringify(user)} does not exist on this node (not in the passwd database)`,
    );
  return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] };
}

/** The gid of a group name or number; throws a one-line ResourceError when there is none. */
export function lookupGroup(group: string | number): number {
  posixOnly('the group option');
  const k = key(group, 'group');
  const f = entry('group', k);
  if (!f || f.length < 3)
    throw new ResourceError(
      `group ${JSON.stringify(group)} does not exist on this node (not in the group database)`,
    );
  return Number(f[2]);
}
