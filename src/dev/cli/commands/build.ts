/** `clusterkit build`: bundle → schema → C → resource library, in a type project. */
import { isAbsolute, relative, resolve } from 'node:path';
import { buildType, SUPPORTED_TARGETS, type BuildTarget } from '../../../../generator/index.js';
import type { CommandSpec } from '../command.js';

export const buildCommand: CommandSpec = {
  name: 'build',
  summary:
    'Bundle the handler, build the resource library from it and generate the PowerShell admin module',
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
      description: 'What to build',
      default: 'linux',
      choices: SUPPORTED_TARGETS,
    },
    { name: 'verbose', type: 'boolean', description: 'Show every step and the compiler output' },
  ],
  notes: [
    'Output: <out>/<TypeId>.handler.js and <out>/linux/lib<TypeId>.so (windows: <out>/windows/<TypeId>.dll;',
    '  ocf: <out>/ocf/<TypeId>, the Pacemaker resource agent, docs/ocf.md), and the PowerShell admin module',
    '  <out>/<TypeId>.psd1 + .psm1 (Register-/New-/Get-/Set-<TypeId>..., docs/admin.md).',
    'Assets listed in package.json ("clusterkit": { "assets": ["app"] }) are copied into <out>.',
  ],
  async run(args, ctx) {
    const target = String(args.flags.target ?? 'linux') as BuildTarget;
    const handler = resolve(ctx.cwd, String(args.flags.handler ?? 'src/handler.ts'));
    const outDir = resolve(ctx.cwd, String(args.flags.out ?? 'dist'));
    const result = await buildType({
      handler,
      outDir,
      target,
      log: args.flags.verbose ? ctx.log : undefined,
    });
    // Paths inside the project read relative; anything else stays absolute.
    const show = (p: string) => {
      const rel = relative(ctx.cwd, p);
      return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? p : rel;
    };
    ctx.out(
      `built ${result.typeName} (${result.typeId}), schema ${result.schemaHash.slice(0, 12)}`,
    );
    ctx.out(`  library  ${show(result.library)}${result.skipped ? '  (unchanged)' : ''}`);
    ctx.out(`  handler  ${show(result.bundle)}`);
  },
};
