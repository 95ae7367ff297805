/**
 * The native build targets: one row per `clusterkit build --target`. The pipeline
 * (native-build.ts) is the same for every row; a row only says what differs: the CMake
 * toolchain, what the type project builds and where it lands, the files generated next to
 * the type table, extra link libraries, the node path baked into the table and the check
 * the artifact must pass. A new target (e.g. the Pacemaker OCF agent) is one more row.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { checkPeTables, MINGW_OBJDUMP } from './windows-pe-check.js';
import { exportsDef, versionResource } from './windows-resource.js';
import { KIT_VERSION } from '../src/bundle/version.js';
import { checkOcfAgent } from './ocf-check.js';
import { generateOcfSource } from './ocf-source.js';

export type BuildTarget = 'linux' | 'windows' | 'ocf';

/** What a row may need to know about the type it builds. */
export interface TypeContext {
  schema: Schema;
  schemaHash: string;
  typeId: string;
  /** The handler bundle relative to the artifact's folder, '/'-separated. */
  handlerFile: string;
  /** The row's node path (nodePath()). */
  nodePath: string;
}

export interface NativeTarget {
  name: BuildTarget;
  /** The artifact: folder under the output directory, file name, and what builds it. */
  output: {
    /** The artifact finds the handler bundle relative to this folder. */
    dir: string;
    fileName: (typeId: string) => string;
    kind: 'shared-library' | 'executable';
    /** The CMake module (under the kit root) defining the function that builds it from the
     * core and the type table: `<function>(<target> <type.c> <output dir> <TypeId>)`. */
    cmakeModule: string;
    cmakeFunction: string;
  };
  /** The core: a CMake target of native/, the archive it leaves in the core's lib/, and the
   * build folder (`native-core-<folder>`) it is built in; targets with the same compiler share one. */
  core: { target: string; archive: string; folder: string };
  /** CMake toolchain file under the kit root; none = this machine's own compiler. */
  toolchain?: string;
  /** In messages: "<command> is needed to build <what>". */
  what: string;
  /** Tools checked before anything runs, and how to install each. */
  tools: ReadonlyArray<{ command: string; install: string }>;
  /** Languages of the type project. */
  languages: readonly string[];
  /** Files generated into the type project and compiled into the artifact. */
  extraSources: (type: TypeContext) => Readonly<Record<string, string>>;
  /** Libraries the artifact links besides the core. */
  linkLibraries: readonly string[];
  /** The node executable recorded in the type table; '' = found on the target machine. */
  nodePath: () => string;
  /** Kit files compiled into the artifact outside the core (they count for the stamp). */
  sourceFiles?: (kitRoot: string) => string[];
  /** Checks a freshly built artifact (throws a BuildError); a skipped build passed it before. */
  check?: (artifact: string) => Promise<unknown>;
}

const CORE = { target: 'ck_core', archive: 'libck_core.a' } as const;
const RESOURCE_LIBRARY = join('native', 'cmake', 'ck_resource_library.cmake');

/** Linux: the shared library the local harness (koffi) loads, built with this machine's cc. */
const linux: NativeTarget = {
  name: 'linux',
  output: {
    dir: 'linux',
    fileName: (typeId) => `lib${typeId}.so`,
    kind: 'shared-library',
    cmakeModule: RESOURCE_LIBRARY,
    cmakeFunction: 'ck_add_resource_library',
  },
  core: { ...CORE, folder: 'linux' },
  what: 'the resource library',
  tools: [],
  languages: ['C'],
  extraSources: () => ({}),
  linkLibraries: [],
  nodePath: () => process.execPath,
};

const MINGW = 'mingw-w64 (Debian/Ubuntu: sudo apt-get install gcc-mingw-w64-x86-64)';

/**
 * Windows: the resource DLL RHS loads, cross-built with mingw-w64; a version resource and a
 * .def exporting Startup and StartupEx; the cluster database through clusapi (ClusterReg*,
 * native/src/platform/win32_db.c). node.exe is found on the node (CLUSTERKIT_NODE, next to
 * the DLL, or PATH), never at a path of the build machine.
 */
const windows: NativeTarget = {
  name: 'windows',
  output: {
    dir: 'windows',
    fileName: (typeId) => `${typeId}.dll`,
    kind: 'shared-library',
    cmakeModule: RESOURCE_LIBRARY,
    cmakeFunction: 'ck_add_resource_library',
  },
  core: { ...CORE, folder: 'windows' },
  toolchain: join('native', 'cmake', 'mingw-w64.cmake'),
  what: 'the Windows DLL',
  tools: [
    { command: 'x86_64-w64-mingw32-gcc', install: MINGW },
    { command: MINGW_OBJDUMP, install: MINGW },
  ],
  languages: ['C', 'RC'],
  extraSources: ({ schema, typeId }) => ({
    'version.rc': versionResource({
      typeName: schema.type,
      typeId,
      version: schema.version,
      kitVersion: KIT_VERSION,
    }),
    'exports.def': exportsDef(typeId),
  }),
  linkLibraries: ['clusapi'],
  nodePath: () => '',
  check: checkPeTables,
};

/**
 * ocf: the Pacemaker resource agent (docs/ocf.md), a small executable built from native/ocf,
 * the type table and the same core as linux; it starts the handler bundle with this
 * machine's node unless a node is installed beside the bundle.
 */
const ocf: NativeTarget = {
  name: 'ocf',
  output: {
    dir: 'ocf',
    fileName: (typeId) => typeId,
    kind: 'executable',
    cmakeModule: join('native', 'cmake', 'ck_ocf_agent.cmake'),
    cmakeFunction: 'ck_add_ocf_agent',
  },
  core: { ...CORE, folder: 'linux' },
  what: 'the OCF resource agent',
  tools: [],
  languages: ['C'],
  extraSources: ({ schema, typeId, handlerFile, nodePath }) => ({
    [`${typeId}_ocf.c`]: generateOcfSource({ schema, typeId, bundleFile: handlerFile, nodePath }),
  }),
  linkLibraries: [],
  nodePath: () => process.execPath,
  sourceFiles: (kitRoot) => {
    const dir = join(kitRoot, 'native', 'ocf');
    return readdirSync(dir)
      .filter((f) => /^(agent.*|ck_ocf)\.[ch]$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  },
  check: checkOcfAgent,
};

export const TARGETS: Readonly<Record<BuildTarget, NativeTarget>> = { linux, windows, ocf };
