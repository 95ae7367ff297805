import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Child-process entry points of the cluster and the verify suite. */
export type EntryName = 'cluster/monitor-entry' | 'verify/worker-entry';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The script to fork for an entry. From the compiled kit it is the sibling .js file. When the
 * kit runs from its TypeScript sources (vitest), Node cannot fork a .ts file, so the entry is
 * bundled once with esbuild into <kit>/build/ts-entries (koffi stays external and resolves
 * from the kit's node_modules); it is rebuilt when any source is newer than the bundle.
 */
export async function entryScript(name: EntryName): Promise<string> {
  const srcRoot = resolve(here, '..');
  const js = join(srcRoot, `${name}.js`);
  if (import.meta.url.endsWith('.js') && existsSync(js)) return js;
  const kitRoot = resolve(srcRoot, '..');
  const out = join(kitRoot, 'build', 'ts-entries', `${name.replace('/', '-')}.mjs`);
  if (existsSync(out) && statSync(out).mtimeMs >= newestSource(srcRoot)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const esbuild = await import('esbuild');
  // Several test files may bundle at once: each writes its own temp file, then renames atomically.
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp.mjs`;
  await esbuild.build({
    entryPoints: [join(srcRoot, `${name}.ts`)],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['koffi', 'esbuild'],
    banner: { js: "import { createRequire as __ckCreateRequire } from 'node:module'; const require = __ckCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  renameSync(tmp, out);
  return out;
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

