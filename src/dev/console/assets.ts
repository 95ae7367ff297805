/**
 * The console's front end: index.html, app.js and app.css, bundled by esbuild when the kit
 * is built (scripts/build-console.ts) into dist/console and shipped in the package. Only
 * these names are served, from memory, so no request path ever reaches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kitRootFrom } from '../cluster/entry-script.js';
import { ClusterError } from '../cluster/errors.js';

export interface Asset {
  type: string;
  body: Buffer;
}

const FILES: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/app.css': ['app.css', 'text/css; charset=utf-8'],
  '/NOTICES.txt': ['NOTICES.txt', 'text/plain; charset=utf-8'],
};

/** The built front end, read once; a clear error when the kit was not built. */
export function loadAssets(): Map<string, Asset> {
  const root = kitRootFrom(dirname(fileURLToPath(import.meta.url)));
  const dir = root ? join(root, 'dist', 'console') : undefined;
  if (!dir || !existsSync(join(dir, 'index.html')))
    throw new ClusterError(
      'BAD_SETTING',
      `the web console is not built (no dist/console/index.html in ${root ?? 'the kit'}); run npm run build in the kit`,
    );
  return new Map(
    Object.entries(FILES).map(([path, [file, type]]) => [
      path,
      { type, body: readFileSync(join(dir, file)) },
    ]),
  );
}
