/**
 * Bundles a handler and the kit's runtime into one ESM file the library starts with node.
 * The result stays in memory: its final name (`<TypeId>.handler.js`) is known only after
 * the schema has been read from it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Message, Plugin } from 'esbuild';
import { BuildError } from './errors.js';
import { stampMatches, statStamp } from './input-stamp.js';
import { isKitCheckout } from './kit-root.js';

export interface BundleOptions {
  handler: string;
  /** Where the bundle will be written; source map paths are relative to its directory. */
  outDir: string;
  kitRoot: string;
}

export interface BundleOutput {
  /** The JavaScript, ending with a sourceMappingURL comment naming a placeholder (see renameBundle). */
  code: Uint8Array;
  map: Uint8Array;
  /** Absolute paths of the files that went into the bundle (the handler, what it imports). */
  inputs: string[];
}

const PLACEHOLDER = 'clusterkit-bundle.js';

// Mirrors the "exports" map of package.json for a source checkout.
const KIT_SOURCES: Readonly<Record<string, string>> = {
  clusterkit: 'src/index.ts',
  'clusterkit/runtime': 'src/bundle/runtime/index.ts',
  'clusterkit/runtime/prelude': 'src/bundle/runtime/prelude.ts',
  'clusterkit/harness': 'src/dev/harness/index.ts',
};

// CommonJS dependencies call require(); an ESM bundle has none unless we provide it.
const BANNER = [
  "import { createRequire as __ck_createRequire } from 'node:module';",
  'globalThis.require ??= __ck_createRequire(import.meta.url);',
].join('\n');

/**
 * The entry module of every bundle. Imports run in order, so the prelude claims stdout for
 * frames (and reports load errors in schema mode) before the handler module's top-level code
 * runs (a console.log there goes to stderr).
 */
export function bundleEntry(handler: string): string {
  return [
    "import 'clusterkit/runtime/prelude';",
    `import def from ${JSON.stringify(handler)};`,
    "import { runHost } from 'clusterkit/runtime';",
    'runHost(def);',
  ].join('\n');
}

/** Throws BuildError('HANDLER_NOT_FOUND') unless the handler file exists. */
export function checkHandlerExists(handler: string): string {
  const path = resolve(handler);
  if (!existsSync(path)) {
    throw new BuildError(
      'HANDLER_NOT_FOUND',
      `no handler file at ${path}: create it or pass the right path (clusterkit build --handler <file>)`,
    );
  }
  return path;
}

/**
 * Bundles the handler, or returns the previous bundle when none of its inputs changed since
 * (by size and modification time, `<outDir>/.ck-build/bundle/`): esbuild is not even loaded then.
 */
export async function bundleHandler(options: BundleOptions): Promise<BundleOutput> {
  const handler = checkHandlerExists(options.handler);
  const cache = join(resolve(options.outDir), '.ck-build', 'bundle');
  const key = JSON.stringify([handler, resolve(options.outDir), options.kitRoot, process.version]);
  const previous = readBundleCache(cache, key);
  if (previous) return previous;
  const fresh = await runEsbuild(options, handler);
  writeBundleCache(cache, key, fresh);
  return fresh;
}

const STAMP = 'inputs.stamp';

function readBundleCache(dir: string, key: string): BundleOutput | undefined {
  try {
    const inputs = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8')) as string[];
    if (!stampMatches(join(dir, STAMP), statStamp(inputs, key))) return undefined;
    return {
      code: readFileSync(join(dir, 'bundle.js')),
      map: readFileSync(join(dir, 'bundle.js.map')),
      inputs,
    };
  } catch {
    return undefined;
  }
}

function writeBundleCache(dir: string, key: string, out: BundleOutput): void {
  mkdirSync(dir, { recursive: true });
  // The stamp last and after the outputs, so a crash in between leaves no stamp to trust.
  rmSync(join(dir, STAMP), { force: true });
  writeFileSync(join(dir, 'bundle.js'), out.code);
  writeFileSync(join(dir, 'bundle.js.map'), out.map);
  writeFileSync(join(dir, 'inputs.json'), JSON.stringify(out.inputs));
  writeFileSync(join(dir, STAMP), statStamp(out.inputs, key));
}

async function runEsbuild(options: BundleOptions, handler: string): Promise<BundleOutput> {
  const entry = bundleEntry(handler);
  let outputs;
  let metafile;
  try {
    // Loaded on first use: a build with nothing to bundle again never starts esbuild.
    const { build } = await import('esbuild');
    const result = await build({
      stdin: {
        contents: entry,
        resolveDir: dirname(handler),
        sourcefile: 'clusterkit-entry.js',
        loader: 'js',
      },
      outfile: join(resolve(options.outDir), PLACEHOLDER),
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      banner: { js: BANNER },
      plugins: isKitCheckout(options.kitRoot) ? [kitSourcesPlugin(options.kitRoot)] : [],
      logLevel: 'silent',
      metafile: true,
    });
    outputs = result.outputFiles;
    refuseDuplicateKeys(result.warnings);
    metafile = result.metafile;
  } catch (err) {
    if (err instanceof BuildError) throw err;
    throw bundleError(err, handler);
  }
  const code = outputs.find((f) => f.path.endsWith('.js'));
  const map = outputs.find((f) => f.path.endsWith('.js.map'));
  if (!code || !map)
    throw new BuildError('BUNDLE_FAILED', `esbuild produced no output for ${handler}`);
  // Metafile paths are relative to esbuild's working directory.
  const inputs = Object.keys(metafile?.inputs ?? {})
    .filter((p) => !p.startsWith('<'))
    .map((p) => resolve(p));
  return { code: code.contents, map: map.contents, inputs };
}

/** The bundle text with its sourceMappingURL pointing at `<fileName>.map`. */
export function renameBundle(code: Uint8Array, fileName: string): Buffer {
  const text = Buffer.from(code).toString('utf8');
  const comment = `//# sourceMappingURL=${PLACEHOLDER}.map`;
  const at = text.lastIndexOf(comment);
  if (at < 0) return Buffer.from(code);
  return Buffer.from(
    text.slice(0, at) +
      `//# sourceMappingURL=${encodeURIComponent(fileName)}.map` +
      text.slice(at + comment.length),
  );
}

/** Resolves the kit's own imports to its TypeScript sources. */
function kitSourcesPlugin(kitRoot: string): Plugin {
  return {
    name: 'clusterkit-sources',
    setup(b) {
      b.onResolve({ filter: /^clusterkit(\/.*)?$/ }, (args) => {
        const source = KIT_SOURCES[args.path];
        if (source) return { path: join(kitRoot, source) };
        return {
          errors: [
            {
              text: `"${args.path}" is not an export of clusterkit; use 'clusterkit' or 'clusterkit/runtime'`,
            },
          ],
        };
      });
    },
  };
}

/**
 * A key written twice in an object literal of the project (not of its dependencies) is refused:
 * in `properties` the second silently replaces the first, so a property would vanish.
 */
function refuseDuplicateKeys(warnings: readonly Message[]): void {
  const found = warnings.filter(
    (w) =>
      w.id === 'duplicate-object-key' &&
      w.location !== null &&
      !/(^|[\\/])node_modules[\\/]/.test(w.location.file),
  );
  if (found.length === 0) return;
  const lines = found.map((w) => {
    const at = w.location!;
    return `${at.file}:${at.line}:${at.column + 1}: error: ${w.text}; write each key once (a repeated property replaces the earlier one)`;
  });
  throw new BuildError('DUPLICATE_KEY', lines.join('\n'));
}

function bundleError(err: unknown, handler: string): BuildError {
  const messages = (err as { errors?: Message[] }).errors;
  if (!Array.isArray(messages) || messages.length === 0) {
    return new BuildError('BUNDLE_FAILED', `bundling ${handler} failed: ${(err as Error).message}`);
  }
  const lines = messages.map((m) => {
    const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '';
    return `${at}error: ${m.text}`;
  });
  return new BuildError('BUNDLE_FAILED', `bundling ${handler} failed:\n${lines.join('\n')}`);
}
