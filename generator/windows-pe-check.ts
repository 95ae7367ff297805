/**
 * Reads the export and import tables of a built DLL with `objdump -p` and checks them:
 * a resource DLL exports `Startup` and `StartupEx` only and imports only DLLs every cluster node has.
 */
import { BuildError } from './errors.js';
import { runTool } from './run-tool.js';

export const MINGW_OBJDUMP = 'x86_64-w64-mingw32-objdump';

/**
 * Import DLLs a resource library may use, and why:
 * - KERNEL32: threads, events, pipes, CreateProcessW, job objects, module path.
 * - msvcrt (mingw's C runtime) or the UCRT api sets (MSVC builds): malloc, snprintf.
 * - CLUSAPI: ClusterReg* on the cluster database, GetClusterResourceTypeKey.
 * - RESUTILS: the SDK's helpers; allowed because resource DLLs conventionally link it.
 * ADVAPI32 is not needed: the core never touches the registry directly (the cluster
 * database must only be reached through ClusterReg*).
 */
const ALLOWED_IMPORTS: readonly RegExp[] = [
  /^kernel32\.dll$/i,
  /^msvcrt\.dll$/i,
  /^api-ms-win-crt-[a-z0-9-]+\.dll$/i,
  /^vcruntime140\.dll$/i,
  /^clusapi\.dll$/i,
  /^resutils\.dll$/i,
];

export const ALLOWED_EXPORTS: readonly string[] = ['Startup', 'StartupEx'];

export interface PeTables {
  exports: string[];
  imports: string[];
  /** True for a PE32+ (x64) image. */
  pe32plus: boolean;
}

/** Parses `objdump -p` output. */
export function parsePeTables(text: string): PeTables {
  const imports = [...text.matchAll(/^\s*DLL Name:\s*(\S+)\s*$/gm)].map((m) => m[1]!);
  const exports: string[] = [];
  const table = /\[Ordinal\/Name Pointer\] Table[^\n]*\n([\s\S]*?)(?:\n\s*\n|$)/.exec(text);
  if (table) {
    for (const line of table[1]!.split('\n')) {
      const m = /^\s*\[\s*\d+\]\s+(\S+)/.exec(line);
      if (m) exports.push(m[1]!);
    }
  }
  const pe32plus = /^Magic\s+020b/m.test(text);
  return { exports, imports, pe32plus };
}

/** The problems of a table set, as sentences; empty when the DLL is fine. */
export function peProblems(tables: PeTables): string[] {
  const problems: string[] = [];
  if (!tables.pe32plus)
    problems.push('the DLL is not a 64-bit (PE32+) image; RHS loads x64 resource DLLs');
  for (const name of tables.exports) {
    if (!ALLOWED_EXPORTS.includes(name))
      problems.push(
        `unexpected export "${name}" (only ${ALLOWED_EXPORTS.join(' and ')} may be exported)`,
      );
  }
  for (const name of ALLOWED_EXPORTS)
    if (!tables.exports.includes(name)) problems.push(`${name} is not exported`);
  for (const dll of tables.imports) {
    if (!ALLOWED_IMPORTS.some((re) => re.test(dll))) {
      problems.push(
        `unexpected import DLL "${dll}" (allowed: KERNEL32, msvcrt/UCRT, CLUSAPI, RESUTILS)`,
      );
    }
  }
  return problems;
}

export async function readPeTables(dll: string, objdump = MINGW_OBJDUMP): Promise<PeTables> {
  const result = await runTool(objdump, ['-p', dll]);
  if (result.code !== 0)
    throw new BuildError(
      'PE_READ_FAILED',
      `${objdump} -p ${dll} failed:\n${result.output.slice(0, 2000)}`,
    );
  return parsePeTables(result.output);
}

/** Throws a BuildError naming every unexpected export or import. */
export async function checkPeTables(dll: string): Promise<PeTables> {
  const tables = await readPeTables(dll);
  const problems = peProblems(tables);
  if (problems.length > 0) {
    throw new BuildError('PE_TABLES_UNEXPECTED', `${dll}:\n  ${problems.join('\n  ')}`);
  }
  return tables;
}
