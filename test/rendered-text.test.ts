// Everything the kit renders from templates/ for a user or an administrator: no raw `{{`
// (a backslash before a mustache makes Handlebars print it), Windows paths written out, and
// INSTALL.md holding only instructions that work for the package's library.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createProject,
  generateAdminModule,
  renderInstallReadme,
  renderTemplate,
} from '../generator/index.js';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { defineResourceType, prop } from '../src/index.js';

const root = resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'ck-rendered-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const schema = defineResourceType({
  type: 'Pg Server',
  displayName: 'PostgreSQL *server*',
  properties: {
    DataDir: prop.expandString({ required: true, description: 'Data folder (initdb -D)' }),
    Port: prop.dword({ default: 5432, min: 1024, max: 65535 }),
    Replicas: prop.dword({ required: true, min: 1, max: 9 }),
    Verbose: prop.bool({ required: true }),
    Pid: prop.dword({ readOnly: true }),
  },
  requiredDependencies: { types: ['Physical Disk'], classes: [1] },
  online() {},
  offline() {},
  isAlive: () => true,
}).schema as Schema;

function files(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, join(rel, e.name)) : [join(rel, e.name)],
  );
}

describe('templates', () => {
  it('escape no value: no template source has a backslash before {{', () => {
    const sources = files(join(root, 'templates')).filter((f) => f.endsWith('.hbs'));
    expect(sources.length).toBeGreaterThan(5);
    for (const f of sources)
      expect(readFileSync(join(root, 'templates', f), 'utf8'), f).not.toContain('\\{{');
  });

  it('a template that escapes a value is refused with its line', () => {
    expect(() =>
      renderTemplate('a\nImport-Module .\\{{typeId}}.psd1\n', { typeId: 'X' }, 'T.hbs'),
    ).toThrow(/template T\.hbs line 2: a backslash before \{\{ escapes the value/);
  });

  it('render no {{ in a new project', () => {
    const project = createProject({ typeName: 'Pg Server', dir: 'pg' }, tmp);
    for (const f of project.files)
      expect(readFileSync(join(project.dir, f), 'utf8'), f).not.toContain('{{');
    const readme = readFileSync(join(project.dir, 'README.md'), 'utf8');
    expect(readme).toContain('    Import-Module .\\PgServer.psd1\n');
    expect(readme).not.toContain('npmjs.com');
  });

  it('render no {{ in the admin module', () => {
    for (const f of generateAdminModule(schema)) expect(f.content, f.name).not.toContain('{{');
  });
});

describe('INSTALL.md', () => {
  const facts = { schema, typeId: 'PgServer', files: ['INSTALL.md'] };
  const windows = renderInstallReadme({
    ...facts,
    libraryPath: 'windows/PgServer.dll',
    libraryKind: 'windows',
  });
  const linux = renderInstallReadme({
    ...facts,
    libraryPath: 'linux/libPgServer.so',
    libraryKind: 'linux',
  });

  it('of a Windows package: written-out paths, no {{', () => {
    expect(windows).not.toContain('{{');
    expect(windows).toContain('    Import-Module .\\PgServer.psd1\n');
    expect(windows).toContain("-InstallPath 'D:\\ClusterTypes\\PgServer'");
    expect(windows).toContain('`C:\\Program Files\\clusterkit\\PgServer`');
    expect(windows).toContain('Installing the PostgreSQL \\*server\\* resource type');
  });

  it('names the required dependencies and how New- adds them', () => {
    expect(windows).toContain('## Dependencies');
    expect(windows).toContain('- a resource of type `Physical Disk`\n');
    expect(windows).toContain('- a resource of class storage (1)\n');
    expect(windows).toContain('New-PgServerResource -DependsOn');
  });

  it('shows New-<Type>Resource with every mandatory parameter and -DependsOn', () => {
    expect(windows).toContain(
      "    New-PgServerResource -Name 'Resource1' -Group 'Group1' -DataDir '<text>' -Replicas <number> -VerboseProperty $true -DependsOn '<provider resource>'\n",
    );
  });

  it('of a Linux package: no Windows step that cannot work, and how to get the Windows package', () => {
    expect(linux).not.toContain('{{');
    for (const step of ['Import-Module', 'Register-', 'New-PgServerResource', 'Unregister-'])
      expect(linux).not.toContain(step);
    expect(linux).toContain('cannot be\ninstalled on a Windows failover cluster');
    expect(linux).toContain('    npx clusterkit package --target windows\n');
    expect(linux).toContain('- a resource of type `Physical Disk`');
  });
});
