/**
 * `clusterkit new`: a resource type project from templates/new-project. Writes nothing until
 * every input is checked, and never into a non-empty folder unless forced.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { typeIdFromName, validateTypeName } from './naming.js';
import { kitInfo } from './scaffold-kit.js';
import { kitDependency } from './scaffold-kit-spec.js';
import type { NewProjectOptions } from './scaffold-options.js';
import { renderTemplateDir } from './scaffold-template.js';
import { ScaffoldError } from './scaffold-errors.js';

export interface NewProjectResult {
  dir: string;
  typeName: string;
  typeId: string;
  packageName: string;
  kitSpec: string;
  /** Written files, relative to `dir`, '/'-separated. */
  files: string[];
}

/** Scaffolds a project; `cwd` resolves relative `dir` and `kit` paths. */
export function createProject(
  options: NewProjectOptions,
  cwd: string = process.cwd(),
): NewProjectResult {
  // 1. Names.
  const typeName = validateTypeName(options.typeName);
  const typeId = typeIdFromName(typeName);
  const packageName = packageNameFromId(typeId);
  const displayName = options.displayName ?? typeName;
  // 2. Where the kit comes from.
  const kit = kitInfo();
  const kitSpec = kitDependency(options.kit, cwd, kit);
  // 3. The target folder.
  const dir = resolve(cwd, options.dir ?? packageName);
  checkTarget(dir, options.force === true);
  // 4. Render everything before writing anything.
  const view = {
    typeName,
    typeId,
    displayName,
    packageName,
    kitSpec,
    kitVersion: kit.version,
    moduleFile: `.\\${typeId}.psd1`,
    typescriptVersion: kit.devVersions.typescript,
    vitestVersion: kit.devVersions.vitest,
    typesNodeVersion: kit.devVersions.typesNode,
  };
  const files = renderTemplateDir(join(kit.templatesDir, 'new-project'), view);
  checkWritable(
    dir,
    files.map((f) => f.path),
  );
  // 5. Write.
  for (const f of files) {
    const out = join(dir, ...f.path.split('/'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, f.content);
  }
  return { dir, typeName, typeId, packageName, kitSpec, files: files.map((f) => f.path) };
}

/** `EchoServer` → `echo-server`: a valid npm name (lower-case, URL-safe). */
export function packageNameFromId(typeId: string): string {
  return typeId
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * Every file can be written (with --force over an existing project): nothing that is not a
 * regular file sits where a file goes, and nothing that is not a folder where a folder goes.
 * Checked before the first write, so a refusal leaves the folder as it was.
 */
function checkWritable(dir: string, paths: readonly string[]): void {
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const at = join(dir, ...parts.slice(0, i));
      const st = lstatSync(at, { throwIfNoEntry: false });
      if (!st) break;
      const last = i === parts.length;
      if (last ? st.isFile() : st.isDirectory()) continue;
      const shown = parts.slice(0, i).join('/');
      throw new ScaffoldError(
        'TARGET_IN_THE_WAY',
        `${join(dir, shown)} is ${last ? 'not a regular file' : 'not a folder'}, but the project ` +
          `needs ${last ? 'a file' : 'a folder'} there (for ${path}); move it away or choose another folder. Nothing was written`,
      );
    }
  }
}

function checkTarget(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    throw new ScaffoldError(
      'TARGET_NOT_DIRECTORY',
      `${dir} exists and is not a folder; choose another target folder`,
    );
  }
  const entries = readdirSync(dir);
  if (entries.length > 0 && !force) {
    throw new ScaffoldError(
      'TARGET_NOT_EMPTY',
      `${dir} is not empty (${entries.length} entries); choose an empty or new folder, or pass --force to write into it`,
    );
  }
}
