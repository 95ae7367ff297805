import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject, packageNameFromId } from '../generator/index.js';
import { kitInfo, runningKitDependency } from '../generator/index.js';
import { renderTemplate } from '../generator/index.js';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ck-scaffold-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function syntaxErrors(file: string): string[] {
  const out = ts.transpileModule(readFileSync(file, 'utf8'), {
    reportDiagnostics: true,
    fileName: file,
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('clusterkit new (scaffold)', () => {
  it('writes the project skeleton with .gitignore renamed and the kit as a file: dependency', () => {
    const r = createProject({ typeName: 'Echo Server', kit: kitInfo().root }, tmp);
    expect(r.dir).toBe(join(tmp, 'echo-server'));
    expect(r.typeId).toBe('EchoServer');
    expect([...r.files].sort()).toEqual(
      [
        '.gitignore',
        'README.md',
        'app/server.mjs',
        'package.json',
        'src/handler.ts',
        'test/handler.test.ts',
        'tsconfig.json',
      ].sort(),
    );
    expect(existsSync(join(r.dir, '_gitignore'))).toBe(false);
    expect(readFileSync(join(r.dir, '.gitignore'), 'utf8')).toContain('node_modules/');
    const pkg = JSON.parse(readFileSync(join(r.dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('echo-server');
    expect(pkg.dependencies.clusterkit).toBe(`file:${kitInfo().root}`);
    expect(pkg.devDependencies.vitest).toBe(kitInfo().devVersions.vitest);
    expect(readFileSync(join(r.dir, 'README.md'), 'utf8')).toContain(
      'Register-EchoServerResourceType',
    );
    expect(syntaxErrors(join(r.dir, 'src/handler.ts'))).toEqual([]);
    expect(syntaxErrors(join(r.dir, 'test/handler.test.ts'))).toEqual([]);
  });

  it('depends on the kit that runs it without --kit (here a checkout: a file: link)', () => {
    const r = createProject({ typeName: 'Plain', dir: 'p' }, tmp);
    const pkg = JSON.parse(readFileSync(join(r.dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies.clusterkit).toBe(`file:${realpathSync(kitInfo().root)}`);
  });

  it('names where an installed kit came from: its tarball, its registry, else its own folder', () => {
    const project = join(tmp, 'installed');
    const kit = join(project, 'node_modules', 'clusterkit');
    mkdirSync(kit, { recursive: true });
    writeFileSync(join(kit, 'package.json'), '{ "name": "clusterkit", "version": "0.1.0" }');
    const running = { root: kit, version: '0.1.0' };
    const lock = (resolved: string) =>
      writeFileSync(
        join(project, 'node_modules', '.package-lock.json'),
        JSON.stringify({ packages: { 'node_modules/clusterkit': { resolved } } }),
      );
    expect(runningKitDependency(running)).toBe(`file:${realpathSync(kit)}`);
    writeFileSync(join(tmp, 'clusterkit-0.1.0.tgz'), 'tarball');
    lock('file:../clusterkit-0.1.0.tgz');
    expect(runningKitDependency(running)).toBe(`file:${join(tmp, 'clusterkit-0.1.0.tgz')}`);
    lock('https://registry.npmjs.org/clusterkit/-/clusterkit-0.1.0.tgz');
    expect(runningKitDependency(running)).toBe('^0.1.0');
    lock('file:../gone.tgz');
    expect(runningKitDependency(running)).toBe(`file:${realpathSync(kit)}`);
  });

  it('keeps quotes, $, backticks and unicode in names as literal text', () => {
    const name = "Ça'va $x `y` ${z} 😀";
    const display = 'Display "quoted" \\ back';
    const r = createProject({ typeName: name, displayName: display, dir: 'odd' }, tmp);
    const handler = join(r.dir, 'src/handler.ts');
    expect(syntaxErrors(handler)).toEqual([]);
    const text = readFileSync(handler, 'utf8');
    expect(text).toContain(`type: ${JSON.stringify(name)},`);
    expect(text).toContain(`displayName: ${JSON.stringify(display)},`);
    expect(JSON.parse(readFileSync(join(r.dir, 'package.json'), 'utf8')).name).toBe(r.packageName);
    expect(r.packageName).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
  });

  it('escapes the display name and the type name for each context: comment, string, Markdown, code span', () => {
    const display = 'Evil */ process.exit(3); /*\n# Injected heading `x` <b>';
    const name = 'Tick`s _Type_ #1';
    const r = createProject({ typeName: name, displayName: display, dir: 'evil' }, tmp);
    const handler = join(r.dir, 'src/handler.ts');
    expect(syntaxErrors(handler)).toEqual([]);
    const source = ts.createSourceFile(
      handler,
      readFileSync(handler, 'utf8'),
      ts.ScriptTarget.ES2022,
    );
    // Nothing before the imports: the display name stayed inside the comment.
    expect(ts.SyntaxKind[source.statements[0].kind]).toBe('ImportDeclaration');
    expect(readFileSync(handler, 'utf8')).not.toMatch(/^\s*process\.exit/m);
    expect(readFileSync(handler, 'utf8')).toContain(`displayName: ${JSON.stringify(display)},`);
    const readme = readFileSync(join(r.dir, 'README.md'), 'utf8').split('\n');
    expect(readme[0]).toBe(
      '# Evil \\*/ process\\.exit\\(3\\); /\\* \\# Injected heading \\`x\\` \\<b\\>',
    );
    expect(readme.filter((l) => l.startsWith('#'))).not.toContain('# Injected heading `x` <b>');
    expect(readme.join('\n')).toContain('``Tick`s _Type_ #1``; file and module names');
  });

  it('refuses a non-empty folder unless --force, and then keeps unrelated files', () => {
    const dir = join(tmp, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => createProject({ typeName: 'Busy', dir }, tmp)).toThrow(
      expect.objectContaining({ code: 'TARGET_NOT_EMPTY' }),
    );
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
    createProject({ typeName: 'Busy', dir, force: true }, tmp);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'src/handler.ts'))).toBe(true);
  });

  it('with --force, refuses before writing anything when a folder sits where a file goes', () => {
    const dir = join(tmp, 'in-the-way');
    mkdirSync(join(dir, 'src', 'handler.ts'), { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => createProject({ typeName: 'Busy', dir, force: true }, tmp)).toThrow(
      expect.objectContaining({
        code: 'TARGET_IN_THE_WAY',
        message: expect.stringMatching(
          /src\/handler\.ts is not a regular file.*Nothing was written/,
        ),
      }),
    );
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'src']);
    expect(readdirSync(join(dir, 'src'))).toEqual(['handler.ts']);
    // A file where a folder goes is refused the same way.
    const other = join(tmp, 'file-in-the-way');
    mkdirSync(other);
    writeFileSync(join(other, 'test'), 'a file, not a folder');
    expect(() => createProject({ typeName: 'Busy', dir: other, force: true }, tmp)).toThrow(
      expect.objectContaining({ code: 'TARGET_IN_THE_WAY' }),
    );
    expect(readdirSync(other)).toEqual(['test']);
  });

  it('rejects bad type names and kits before writing anything', () => {
    expect(() => createProject({ typeName: 'a/b' }, tmp)).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPE_NAME' }),
    );
    expect(() => createProject({ typeName: ' lead' }, tmp)).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPE_NAME' }),
    );
    expect(() => createProject({ typeName: 'Ok', kit: join(tmp, 'nope') }, tmp)).toThrow(
      expect.objectContaining({ code: 'BAD_KIT' }),
    );
    writeFileSync(join(tmp, 'kit.txt'), 'x');
    expect(() => createProject({ typeName: 'Ok', kit: 'kit.txt' }, tmp)).toThrow(
      expect.objectContaining({ code: 'BAD_KIT' }),
    );
    expect(() => createProject({ typeName: 'Ok', kit: tmp }, tmp)).toThrow(
      expect.objectContaining({ code: 'BAD_KIT' }),
    );
    expect(existsSync(join(tmp, 'ok'))).toBe(false);
  });

  it('derives npm package names from type ids', () => {
    expect(packageNameFromId('EchoServer')).toBe('echo-server');
    expect(packageNameFromId('HTTPProxy2')).toBe('http-proxy2');
    expect(packageNameFromId('Type_1a2b3c4d')).toBe('type_1a2b3c4d');
  });

  it('renders strictly: a missing value is an error, and nothing is HTML-escaped', () => {
    expect(() => renderTemplate('{{missing}}', {}, 't')).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_INVALID' }),
    );
    expect(renderTemplate('{{a}}', { a: '<&"\'>' }, 't')).toBe('<&"\'>');
  });
});
