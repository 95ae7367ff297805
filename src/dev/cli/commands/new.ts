/**
 * `clusterkit new <TypeName> [dir]`: flags, positionals and prompts all come from the option
 * table in generator/scaffold-options.ts. Prompts appear only on a TTY and only for missing
 * values; flags always work.
 */
import { createInterface } from 'node:readline/promises';
import { relative, resolve } from 'node:path';
import { createProject } from '../../../../generator/index.js';
import {
  NEW_OPTIONS,
  type NewProjectOptions,
  type NewOptionSpec,
} from '../../../../generator/index.js';
import { UsageError, type CommandSpec, type ParsedArgs } from '../command.js';

const USAGE_CODES = new Set([
  'INVALID_TYPE_NAME',
  'BAD_OPTION',
  'BAD_KIT',
  'TARGET_NOT_EMPTY',
  'TARGET_NOT_DIRECTORY',
  'TARGET_IN_THE_WAY',
]);
const flagName = (o: NewOptionSpec) => (o.flag ?? '').replace(/^--/, '');

export const newCommand: CommandSpec = {
  name: 'new',
  summary: 'Create a resource type project (handler, test, README) from the kit template',
  positionals: NEW_OPTIONS.filter((o) => o.position !== undefined)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
    // Required in practice, but checked here so a TTY can prompt for it instead.
    .map((o) => ({
      name: o.key === 'typeName' ? 'TypeName' : o.key,
      required: false,
      description: o.summary,
    })),
  flags: NEW_OPTIONS.filter((o) => o.flag).map((o) => ({
    name: flagName(o),
    type: o.kind,
    value: o.kind === 'string' ? (o.placeholder ?? '<value>') : undefined,
    description: o.summary,
  })),
  notes: [
    'Type names may contain spaces ("Echo Server"); file and module names use a derived id (EchoServer).',
    'Example: clusterkit new "Echo Server" echo-server --kit ../clusterkit',
  ],
  async run(args, ctx) {
    const options = await collect(args);
    let result;
    try {
      result = createProject(options, ctx.cwd);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'string' && USAGE_CODES.has(code))
        throw new UsageError(`clusterkit new: ${(err as Error).message}`);
      throw err;
    }
    // The folder as the user wrote it (absolute stays absolute), or the default name.
    const where = options.dir ?? (relative(ctx.cwd, result.dir) || '.');
    ctx.out(
      `created ${result.typeName} (${result.typeId}) in ${where}, depending on clusterkit ${result.kitSpec}`,
    );
    for (const f of result.files) ctx.out(`  ${f}`);
    ctx.out('next:');
    if (resolve(ctx.cwd, where) !== ctx.cwd) ctx.out(`  cd ${shellWord(where)}`);
    ctx.out('  npm install');
    ctx.out('  npm test');
  },
};

/** Values from positionals and flags, checked by the table; missing ones asked on a TTY. */
async function collect(args: ParsedArgs): Promise<NewProjectOptions> {
  const values: Record<string, string | boolean | undefined> = {};
  for (const o of NEW_OPTIONS) {
    const raw = o.position !== undefined ? args.positionals[o.position] : args.flags[flagName(o)];
    if (raw !== undefined) values[o.key] = typeof raw === 'string' && o.check ? check(o, raw) : raw;
  }
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  for (const o of NEW_OPTIONS) {
    if (values[o.key] !== undefined || !o.prompt) continue;
    if (!interactive) {
      if (o.required)
        throw new UsageError(
          `clusterkit new: the ${o.summary} is missing: clusterkit new <TypeName> [dir]`,
        );
      continue;
    }
    if (o.key === 'displayName') continue; // defaults to the type name; asking adds nothing for a first project
    values[o.key] = check(o, await ask(`${o.prompt}: `));
  }
  return values as unknown as NewProjectOptions;
}

function check(o: NewOptionSpec, value: string): string {
  try {
    return o.check ? o.check(value) : value;
  } catch (err) {
    throw new UsageError(`clusterkit new: ${(err as Error).message}`);
  }
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** A path as one POSIX shell word: bare when it is plain, else single-quoted. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
