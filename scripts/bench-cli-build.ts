/**
 * Times a no-change `clusterkit build` as an author runs it, the whole process included:
 * `npx clusterkit build` in a fresh project (made by `clusterkit new`, installed from this
 * checkout), and the same without npx (`node <kit>/dist/src/dev/cli/main.js build`). Prints one
 * JSON line with the median and the range of each, in ms.
 * Usage: node dist/scripts/bench-cli-build.js [runs]   (npm install needs npm's cache warm)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const kit = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const main = join(kit, 'dist', 'src', 'dev', 'cli', 'main.js');
const runs = Math.max(3, Number(process.argv[2] ?? 9) || 9);
// npm variables of an outer `npm run` would point npm at the kit.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function timed(cmd: string, args: string[], cwd: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd, env, stdio: 'pipe' });
    out.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }
  return out.sort((a, b) => a - b);
}

const work = mkdtempSync(join(tmpdir(), 'ck-bench-cli-'));
try {
  execFileSync(process.execPath, [main, 'new', 'Bench Type', 'bench'], { cwd: work, env });
  const project = join(work, 'bench');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund'], {
    cwd: project,
    env,
    stdio: 'pipe',
  });
  // The first build compiles; every build after it has nothing to do.
  execFileSync(process.execPath, [main, 'build'], { cwd: project, env, stdio: 'pipe' });
  const node = timed(process.execPath, [main, 'build'], project);
  const npx = timed('npx', ['clusterkit', 'build'], project);
  const version = timed(process.execPath, [main, '--version'], project);
  const summary = (xs: number[]) => ({
    median: Math.round(xs[Math.floor(xs.length / 2)]),
    min: Math.round(xs[0]),
    max: Math.round(xs[xs.length - 1]),
  });
  console.log(
    JSON.stringify({
      bench: 'cli-build-no-change',
      runs,
      npxClusterkitBuildMs: summary(npx),
      nodeMainBuildMs: summary(node),
      nodeMainVersionMs: summary(version),
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
