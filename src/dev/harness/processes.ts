/* Process inspection through /proc (Linux), for fault injection and leak checks in tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processLiving } from '../../bundle/runtime/process-group.js';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Single-letter state from /proc/<pid>/stat (R, S, Z, ...). */
  state: string;
  argv: string[];
}

/** Reads one process, or undefined if it does not exist (any more). */
export function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const argv = cmdline.split('\0').filter((s, i, a) => i < a.length - 1 || s !== '');
    return { pid, ppid: Number(rest[1]), state: rest[0] ?? '?', argv };
  } catch {
    return undefined;
  }
}

/** Every process whose parent is `ppid` (zombies included). */
export function childProcesses(ppid: number = process.pid): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info && info.ppid === ppid) out.push(info);
  }
  return out;
}

/** Every descendant of `pid` (children, grandchildren, ...). */
export function descendantProcesses(pid: number = process.pid): ProcessInfo[] {
  const all: ProcessInfo[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) all.push(info);
  }
  const out: ProcessInfo[] = [];
  const parents = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        out.push(p);
        grew = true;
      }
    }
  }
  return out;
}

/** True while the process exists and a thread of it still runs (not only a zombie). */
export function isProcessRunning(pid: number): boolean {
  const info = readProcess(pid);
  return info !== undefined && processLiving(pid, info.state);
}

/** Handler hosts started by this process: children running the bundle (any *.handler.js if none given). */
export function findHostProcesses(bundle?: string): ProcessInfo[] {
  // The library may start the bundle by a non-normalized path (<lib dir>/../X.handler.js).
  const want = bundle ? path.resolve(bundle) : undefined;
  return childProcesses().filter((p) =>
    p.argv
      .slice(1)
      .some((a) =>
        want ? path.isAbsolute(a) && path.resolve(a) === want : a.endsWith('.handler.js'),
      ),
  );
}
