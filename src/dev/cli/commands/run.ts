/** `clusterkit run`: a local failover cluster running the built type, with a live view or a JSON event stream. */
import { join, resolve } from 'node:path';
import { parseNodes, readRunConfig, type RunPlan } from '../../cluster/run-config.js';
import { makePlan } from '../../cluster/run-plan.js';
import type { Schema } from '../../../bundle/sdk/schema.js';
import { UsageError, type CommandSpec, type ParsedArgs } from '../command.js';

const str = (a: ParsedArgs, k: string) =>
  typeof a.flags[k] === 'string' ? (a.flags[k] as string) : undefined;

/** Flags and the config file → the plan (flags win over the file), typed by the schema. */
export function planFromArgs(
  a: ParsedArgs,
  cwd: string,
  built: { typeId: string; schema: Schema },
): RunPlan {
  const file = str(a, 'config');
  const scale = str(a, 'time-scale');
  if (scale !== undefined && !(Number(scale) > 0))
    throw new UsageError(
      `clusterkit run: --time-scale ${scale} must be a positive number, e.g. 0.1`,
    );
  return makePlan({
    typeId: built.typeId,
    schema: built.schema,
    ...(file ? { config: readRunConfig(resolve(cwd, file)), configFile: file } : {}),
    sets: a.lists?.set ?? (str(a, 'set') ? [str(a, 'set')!] : []),
    resources: str(a, 'resources')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...(str(a, 'nodes') ? { nodes: parseNodes(str(a, 'nodes')!) } : {}),
    ...(scale !== undefined ? { timeScale: Number(scale) } : {}),
    unregistered: a.flags.unregistered === true,
  });
}

/** --port N (with --web): a TCP port, or undefined for a free one. */
function webPort(a: ParsedArgs): number | undefined {
  const port = str(a, 'port');
  if (port === undefined) return undefined;
  if (a.flags.web !== true)
    throw new UsageError(
      `clusterkit run: --port goes with --web: clusterkit run --web --port ${port}`,
    );
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new UsageError(
      `clusterkit run: --port ${port} must be a TCP port from 1 to 65535, e.g. --port 8080`,
    );
  return Number(port);
}

export const runCommand: CommandSpec = {
  name: 'run',
  summary:
    'Run the built type in a local failover cluster (nodes, monitors, restart and failover policy)',
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
      name: 'nodes',
      type: 'string',
      value: '<n|a,b>',
      description: 'How many nodes, or their names',
      default: '2',
    },
    {
      name: 'resources',
      type: 'string',
      value: '<A,B>',
      description: 'Resources to create, each in its own group',
      default: '<TypeId>1',
    },
    {
      name: 'set',
      type: 'string',
      value: '<P=V,...>',
      description:
        'Property values for every resource of the type (a comma continues the value unless a property name and = follow)',
      repeatable: true,
    },
    {
      name: 'config',
      type: 'string',
      value: '<file>',
      description: 'JSON file with nodes, timeScale, groups and resources',
    },
    {
      name: 'time-scale',
      type: 'string',
      value: '<x>',
      description: 'Multiply every RHS time value (0.1 = ten times faster)',
      default: '1',
    },
    {
      name: 'log',
      type: 'string',
      value: '<file>',
      description: 'Cluster log file',
      default: '.clusterkit/cluster.log',
    },
    {
      name: 'offline',
      type: 'boolean',
      description: 'Create the resources but leave them offline',
    },
    {
      name: 'unregistered',
      type: 'boolean',
      description:
        'Start with the type not registered and no resources (register it with the JSON command add-type)',
    },
    {
      name: 'json',
      type: 'boolean',
      description:
        'Stream events as JSON lines; read commands (e.g. "kill-app Echo1", "quit") from stdin',
    },
    {
      name: 'web',
      type: 'boolean',
      description: 'Serve the web console on 127.0.0.1 and print its URL (docs/console.md)',
    },
    {
      name: 'port',
      type: 'string',
      value: '<n>',
      description: 'TCP port of the web console',
      default: 'a free one',
    },
    {
      name: 'inspect',
      type: 'string',
      value: '<resource>',
      bareValue: '',
      description:
        "Start that resource's handler host (default: the first) with the Node inspector on 127.0.0.1; prints the URL",
    },
    {
      name: 'inspect-port',
      type: 'string',
      value: '<n>',
      description: "The inspector's port (0 = any free one)",
      default: '9229',
    },
    {
      name: 'watch',
      type: 'boolean',
      description:
        'Rebuild on every change in the project; restart the handler hosts (the library stays loaded), or everything when the schema changed',
    },
    {
      name: 'duration',
      type: 'string',
      value: '<ms>',
      description: 'Stop by itself after this long',
    },
  ],
  notes: [
    'Keys in the live view: o online, f offline, x fail, m move the group, k kill the handler host, q or Ctrl-C quit.',
    'JSON commands: online, offline, fail, move <group> [node], kill-host, hang-host, kill-app, fail-next-online,',
    '  fail-next-offline, lose-node <node>, restore-node <node>, quit. Nothing keeps running after quitting.',
    'A JSON object line is an object command (get-resources, set-parameters, add-type, ...): docs/rhs-behaviour.md.',
  ],
  async run(args, ctx) {
    const duration = str(args, 'duration');
    if (duration !== undefined && !/^\d+$/.test(duration))
      throw new UsageError(
        `clusterkit run: --duration ${duration} must be milliseconds, e.g. --duration 5000`,
      );
    const web = { port: webPort(args) };
    if (str(args, 'inspect-port') !== undefined && typeof args.flags.inspect !== 'string')
      throw new UsageError(
        `clusterkit run: --inspect-port goes with --inspect: clusterkit run --inspect --inspect-port ${str(args, 'inspect-port')}`,
      );
    const handler = resolve(ctx.cwd, str(args, 'handler') ?? 'src/handler.ts');
    const outDir = resolve(ctx.cwd, str(args, 'out') ?? 'dist');
    const logFile = resolve(ctx.cwd, str(args, 'log') ?? join('.clusterkit', 'cluster.log'));
    const json = args.flags.json === true || !process.stdout.isTTY;
    // Ctrl-C during start-up is remembered and honoured as soon as there is something to stop.
    const control = { stopRequested: false, stop: () => undefined as void };
    const onSignal = () => {
      control.stopRequested = true;
      control.stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const timer =
      duration !== undefined ? setTimeout(onSignal, Number(duration)).unref() : undefined;
    try {
      // Loaded here: the cluster, the console and the harness cost nothing to other commands.
      const { runOnce } = await import('../run-session.js');
      // With --watch, a change of the schema rebuilds the library: the cluster starts again.
      while (
        (await runOnce({ args, ctx, handler, outDir, logFile, json, control, web })) === 'restart'
      );
    } finally {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // Stop reading and let go of stdin, or an open pipe would keep the process alive.
      process.stdin.pause();
      (process.stdin as unknown as { unref?: () => void }).unref?.();
    }
    ctx.log('stopped: every monitor, handler host and application has ended');
  },
};
