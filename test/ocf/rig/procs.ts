import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** The environment variable every process of a rig carries: `<owner pid>.<random>`. */
export const RIG_MARKER = 'CK_OCF_RIG';

export interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  /** Single-letter state from /proc/<pid>/stat (`Z` = zombie). */
  state: string;
}

/** A process that carries a rig's marker. */
export interface RigProcess extends ProcInfo {
  run: string;
  cmdline: string;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((f) => /^\d+$/.test(f))
    .map(Number);
}

/** ppid, comm and state of one process, or undefined once it is gone. */
export function procInfo(pid: number): ProcInfo | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // comm may hold spaces and parentheses: it runs up to the last ')'.
  const close = stat.lastIndexOf(')');
  const rest = stat.slice(close + 2).split(' ');
  return {
    pid,
    comm: stat.slice(stat.indexOf('(') + 1, close),
    state: rest[0],
    ppid: Number(rest[1]),
  };
}

/** True while the process exists and is not a zombie. */
export function isLive(pid: number): boolean {
  const p = procInfo(pid);
  return p !== undefined && p.state !== 'Z';
}

export function childrenOf(ppid: number): ProcInfo[] {
  return pids()
    .map(procInfo)
    .filter((p): p is ProcInfo => p !== undefined && p.ppid === ppid);
}

/** The PID namespace of a process (as the /proc link text), undefined once it is gone. */
export function pidNamespace(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

/** Live processes inside a PID namespace, as host pids. */
export function namespaceMembers(ns: string): ProcInfo[] {
  return pids()
    .filter((pid) => pidNamespace(pid) === ns)
    .map(procInfo)
    .filter((p): p is ProcInfo => p !== undefined && p.state !== 'Z');
}

/** The command line of a process, arguments joined by spaces ('' once it is gone). */
export function cmdlineOf(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
}

/**
 * Every live process whose environment holds the rig marker (of one run, or of any run).
 * Pacemaker's daemons and the agents they run inherit it, so this finds all of them.
 */
export function listRigProcesses(run?: string): RigProcess[] {
  const out: RigProcess[] = [];
  for (const pid of pids()) {
    if (pid === process.pid) continue;
    const env = read(`/proc/${pid}/environ`);
    if (!env) continue;
    const entry = env.split('\0').find((e) => e.startsWith(`${RIG_MARKER}=`));
    if (!entry) continue;
    const value = entry.slice(RIG_MARKER.length + 1);
    if (run !== undefined && value !== run) continue;
    const info = procInfo(pid);
    if (!info || info.state === 'Z') continue;
    out.push({ ...info, run: value, cmdline: cmdlineOf(pid) });
  }
  return out;
}

/** Sends a signal unless the process is already gone; true when it was sent. */
export function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}
