/**
 * Times `clusterkit new` + the first `clusterkit build` of a fresh project, and a no-change
 * rebuild, in milliseconds; prints one JSON line. The kit's core library is built once per
 * machine and shared (its build directory is reused), so `coreCached` says whether the first
 * build included compiling it. Usage: node dist/scripts/bench-new-build.js [runs]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildType } from '../generator/index.js';
import { kitInfo } from '../generator/index.js';
import { createProject } from '../generator/index.js';

async function once(): Promise<{
  newMs: number;
  buildMs: number;
  rebuildMs: number;
  rebuildSkipped: boolean;
}> {
  const work = mkdtempSync(join(tmpdir(), 'ck-bench-'));
  try {
    let t = performance.now();
    const project = createProject({ typeName: 'Bench Type', dir: 'bench' }, work);
    const newMs = performance.now() - t;
    const options = {
      handler: join(project.dir, 'src', 'handler.ts'),
      outDir: join(project.dir, 'dist'),
    };
    t = performance.now();
    await buildType(options);
    const buildMs = performance.now() - t;
    t = performance.now();
    const again = await buildType(options);
    const rebuildMs = performance.now() - t;
    return { newMs, buildMs, rebuildMs, rebuildSkipped: again.skipped };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const runs = Math.max(1, Number(process.argv[2] ?? 3) || 3);
// The core's build folder inside a writable kit (generator/native-build.ts); elsewhere this reads false.
const coreCached = existsSync(join(kitInfo().root, 'build', 'native-core-linux', 'CMakeCache.txt'));
const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    bench: 'new-build',
    runs,
    coreCached,
    newMs: round(median(results.map((r) => r.newMs))),
    firstBuildMs: round(median(results.map((r) => r.buildMs))),
    noChangeRebuildMs: round(median(results.map((r) => r.rebuildMs))),
    rebuildSkippedCompile: results.every((r) => r.rebuildSkipped),
  }),
);
