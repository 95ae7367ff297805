/** `clusterkit package`: build, then one folder and one zip an administrator copies to a cluster. */
import { relative } from 'node:path';
import { packageType, SUPPORTED_TARGETS } from '../../../../generator/index.js';
import type { BuildTarget } from '../../../../generator/index.js';
import type { CommandSpec } from '../command.js';

export const packageCommand: CommandSpec = {
  name: 'package',
  summary:
    'Build and assemble dist/package/<TypeId>/ and dist/<TypeId>-<version>.zip for deployment',
  flags: [
    {
      name: 'handler',
      type: 'string',
      value: '<file>',
      description: 'The handler module',
      default: 'src/handler.ts',
    },
    {
      name: 'out',
      type: 'string',
      value: '<dir>',
      description: 'Output directory',
      default: 'dist',
    },
    {
      name: 'target',
      type: 'string',
      value: '<target>',
      description: 'Library to build and ship',
      default: 'windows where mingw-w64 is installed, else linux',
      choices: SUPPORTED_TARGETS,
    },
    { name: 'verbose', type: 'boolean', description: 'Show every build step' },
  ],
  notes: [
    'A Windows package holds the DLL, the handler bundle and its assets, the PowerShell admin module and INSTALL.md.',
    'A Linux package (no mingw-w64 here) holds the Linux library instead and no admin module; its INSTALL.md says',
    '  how to build the Windows package, and gives no Windows instructions.',
    'With --target ocf: dist/package-ocf/<TypeId>/ and dist/<TypeId>-<version>-ocf.tar.gz (agent, bundle, install.sh).',
  ],
  async run(args, ctx) {
    const show = (p: string) => relative(ctx.cwd, p) || '.';
    const result = await packageType({
      projectDir: ctx.cwd,
      handler: String(args.flags.handler ?? 'src/handler.ts'),
      outDir: String(args.flags.out ?? 'dist'),
      target: (args.flags.target as BuildTarget | undefined) ?? undefined,
      log: args.flags.verbose ? ctx.log : undefined,
    });
    if (result.libraryKind === 'ocf') {
      ctx.out(`packaged ${result.typeName} (${result.typeId}) ${result.version} for Pacemaker`);
      ctx.out(`  folder   ${show(result.dir)}`);
      ctx.out(`  tarball  ${show(result.tarball)}`);
      ctx.out(`  install  sh ${result.typeId}/install.sh (as root, on every node)`);
      return;
    }
    ctx.out(`packaged ${result.typeName} (${result.typeId}) ${result.version}`);
    ctx.out(`  folder   ${show(result.dir)}`);
    ctx.out(`  zip      ${show(result.zip)}`);
    if (result.libraryKind === 'windows') ctx.out(`  library  ${result.library} (Windows DLL)`);
    else {
      ctx.out(`  library  ${result.library} (Linux library: not installable on a Windows cluster)`);
      ctx.log(
        'note: no Windows DLL in this package; install mingw-w64 and run clusterkit package --target windows for a Windows cluster (see INSTALL.md)',
      );
    }
    if (result.note) ctx.log(`note: ${result.note}`);
  },
};
