/** `clusterkit verify`: the conformance suite; exit 0 only when every rule holds. */
import { resolve } from 'node:path';
import { ClusterError } from '../../cluster/errors.js';
import { parseSetTexts } from '../../cluster/set-values.js';
import { UsageError, type CommandSpec, type ParsedArgs } from '../command.js';

const str = (a: ParsedArgs, k: string) =>
  typeof a.flags[k] === 'string' ? (a.flags[k] as string) : undefined;

export const verifyCommand: CommandSpec = {
  name: 'verify',
  summary:
    'Check the built type against the RHS conformance rules (exit 0 only when every rule holds)',
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
      description: 'Build output directory',
      default: 'dist',
    },
    {
      name: 'set',
      type: 'string',
      value: '<P=V,...>',
      description:
        'Property values for the resources verify creates (required ones left out get a made-up value)',
      repeatable: true,
    },
    { name: 'rule', type: 'string', value: '<id,...>', description: 'Run only these rules' },
    { name: 'list', type: 'boolean', description: 'List the rules and exit' },
    { name: 'json', type: 'boolean', description: 'Print the report as one JSON object' },
  ],
  notes: [
    'Each rule runs in its own process with a fresh library and handler host; a rule that hangs is failed after 90 s.',
  ],
  async run(args, ctx) {
    // Loaded here: the suite and the harness (koffi) cost nothing to other commands.
    const { buildType } = await import('../../../../generator/index.js');
    const { ALL_RULES, formatResultLine, formatSummary, runVerify, VerifyError, verifyNotes } =
      await import('../../verify/index.js');
    if (args.flags.list === true) {
      for (const r of ALL_RULES) ctx.out(`${r.id.padEnd(32)} ${r.rule}`);
      return 0;
    }
    const ruleFlag = str(args, 'rule');
    const only = ruleFlag
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (only !== undefined && only.length === 0)
      throw new UsageError(
        `clusterkit verify: --rule ${JSON.stringify(ruleFlag)} names no rule; give rule ids separated by commas (clusterkit verify --list shows them)`,
      );
    const built = await buildType({
      handler: resolve(ctx.cwd, str(args, 'handler') ?? 'src/handler.ts'),
      outDir: resolve(ctx.cwd, str(args, 'out') ?? 'dist'),
    });
    const schema = built.schema;
    let props: Record<string, unknown> = {};
    try {
      props = parseSetTexts(args.lists?.set ?? [], schema.properties);
    } catch (e) {
      if (e instanceof ClusterError) throw new UsageError(`clusterkit verify: ${e.message}`);
      throw e;
    }
    const json = args.flags.json === true;
    if (!json) {
      ctx.out(`clusterkit verify ${built.typeName} (${built.library})`);
      for (const note of verifyNotes(schema)) ctx.out(`note: ${note}`);
    }
    try {
      const rep = await runVerify({
        library: built.library,
        bundle: built.bundle,
        schema,
        settings: { props },
        ...(only ? { only } : {}),
        ...(json ? {} : { onResult: (r) => ctx.out(formatResultLine(r)) }),
      });
      if (json) ctx.out(JSON.stringify(rep));
      else ctx.out(`\n${formatSummary(rep)}`);
      return rep.ok ? 0 : 1;
    } catch (e) {
      if (e instanceof VerifyError) throw new UsageError(`clusterkit verify: ${e.message}`);
      throw e;
    }
  },
};
