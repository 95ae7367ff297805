import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Child-process entry points of the cluster and the verify suite. */
export type EntryName = 'cluster/monitor-entry' | 'verify/worker-entry';

const here = dirname(fileURLToPath(import.meta.url));

/** The kit checkout or package this code runs from: the nearest package.json named "clusterkit". */
export function kitRootFrom(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'clusterkit')
          return d;
      } catch {
        // Not ours; keep looking.
      }
    }
    if (dirname(d) === d) return undefined;
  }
}

/**
 * The script to fork for an entry. From the compiled kit it is the sibling .js file. When the
 * kit runs from its TypeScript sources (vitest, or a bundle of them), Node cannot fork a .ts
 * file, so the entry is bundled with esbuild into <kit>/build/ts-entries (koffi stays external
 * and resolves from the kit's node_modules), again whenever a source is newer than the bundle.
 */
export async function entryScript(name: EntryName): Promise<string> {
  const js = join(here, '..', `${name}.js`);
  if (import.meta.url.endsWith('.js') && existsSync(js)) return js;
  const kitRoot = kitRootFrom(here);
  if (!kitRoot)
    throw new Error(
      `cannot find the clusterkit sources from ${here}; run the compiled kit (dist/) instead`,
    );
  const out = join(kitRoot, 'build', 'ts-entries', `${name.replace('/', '-')}.mjs`);
  await bundleTsEntry(join(kitRoot, 'src', 'dev', `${name}.ts`), out, join(kitRoot, 'src'));
  return out;
}

/** Bundles a TypeScript entry into an ESM script unless `out` is newer than every source in `srcRoot`. */
export async function bundleTsEntry(entry: string, out: string, srcRoot: string): Promise<void> {
  if (
    existsSync(out) &&
    statSync(out).mtimeMs >= Math.max(newestSource(srcRoot), statSync(entry).mtimeMs)
  )
    return;
  mkdirSync(dirname(out), { recursive: true });
  const esbuild = await import('esbuild');
  // Several test files may bundle at once: each writes its own temp file, then renames atomically.
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp.mjs`;
  await esbuild.build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['koffi', 'esbuild'],
    banner: {
      js: "import { createRequire as __ckCreateRequire } from 'node:module'; const require = __ckCreateRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  renameSync(tmp, out);
}

function newestSource(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}
