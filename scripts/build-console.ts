/*
 * Bundles the web console's front end (src/dev/console/web) with esbuild into dist/console:
 * index.html, app.js, app.css and the notices of the libraries bundled in it. Run by
 * `npm run build` after tsc; the files ship in the package, nothing is fetched at run time.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const web = join(root, 'src', 'dev', 'console', 'web');
const out = join(root, 'dist', 'console');

/** Libraries whose code ends up in app.js / app.css: their licences go along. */
const BUNDLED = ['preact', 'uplot'];

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: { app: join(web, 'main.tsx') },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  copyFileSync(join(web, 'index.html'), join(out, 'index.html'));
  const notices = BUNDLED.map((name) => {
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
    const license = readFileSync(join(root, 'node_modules', name, 'LICENSE'), 'utf8');
    return `${name} ${pkg.version} (${pkg.license})\n\n${license.trim()}\n`;
  });
  writeFileSync(
    join(out, 'NOTICES.txt'),
    `The clusterkit console bundles these libraries:\n\n${notices.join('\n---\n\n')}`,
  );
  const sizes = Object.entries(result.metafile.outputs)
    .map(([file, o]) => `${file.split('/').pop()} ${(o.bytes / 1024).toFixed(1)} KiB`)
    .join(', ');
  console.log(`console: ${sizes} in ${Date.now() - started} ms`);
}

main().catch((e: Error) => {
  console.error(`build-console: ${e.message}`);
  process.exit(1);
});
