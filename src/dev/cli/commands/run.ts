/** `clusterkit run`: a local failover cluster running the built type, with a live view or a JSON event stream. */
import { join, resolve } from 'node:path';
import { buildType } from '../../../../generator/index.js';
import { ClusterError } from '../../cluster/errors.js';
import { runJsonSession } from '../../cluster/json-session.js';
import { parseNodes, readRunConfig, type RunPlan } from '../../cluster/run-config.js';
import { checkRequired, dependencyWarnings, makePlan } from '../../cluster/run-plan.js';
import type { Schema } from '../../../bundle/sdk/schema.js';
import { startFromPlan } from '../../cluster/session.js';
import { runTtySession } from '../../cluster/tty-session.js';
import { startConsole, type WebConsole } from '../../console/index.js';
import { UsageError, type CommandContext, type CommandSpec, type ParsedArgs } from '../command.js';
import { chooseInspected, watchInspector } from '../run-inspect.js';
import { startWatch } from '../run-watch.js';

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

interface RunOnce {
  args: ParsedArgs;
  ctx: CommandContext;
  handler: string;
  outDir: string;
  logFile: string;
  json: boolean;
  control: { stopRequested: boolean; stop: () => void };
  /** --web: the console's port; a restarted cluster gets its console on the same port. */
  web: { port: number | undefined };
}

/** Build, plan, start, serve the session until it ends; 'restart' when the schema changed. */
async function runOnce(o: RunOnce): Promise<'quit' | 'restart'> {
  const { args, ctx, control } = o;
  // 1. The type, built, and what to start, checked against its schema.
  const built = await buildType({ handler: o.handler, outDir: o.outDir });
  const schema = built.schema as unknown as Schema;
  let plan: RunPlan;
  try {
    plan = planFromArgs(args, ctx.cwd, { typeId: built.typeId, schema });
    if (args.flags.offline !== true) checkRequired(plan, schema);
  } catch (e) {
    if (e instanceof ClusterError) throw new UsageError(`clusterkit run: ${e.message}`);
    throw e;
  }
  for (const w of dependencyWarnings(plan, schema)) ctx.log(`warning: ${w}`);
  const inspect =
    typeof args.flags.inspect === 'string'
      ? chooseInspected(plan, schema, args.flags.inspect, str(args, 'inspect-port'))
      : undefined;
  ctx.log(
    `starting ${built.typeName} on ${typeof plan.nodes === 'number' ? `${plan.nodes} nodes` : plan.nodes.join(', ')}; cluster log: ${o.logFile}`,
  );
  // 2. The cluster; the JSON stream is attached before anything starts, so a script sees every event.
  let jsonDone: Promise<void> | undefined;
  let web: Promise<WebConsole> | undefined;
  let inspectorUrl: string | undefined;
  let stopInspector: (() => void) | undefined;
  const cluster = await startFromPlan(
    {
      library: built.library,
      type: built.typeName,
      bundle: built.bundle,
      schema: built.schema,
      logFile: o.logFile,
      registerType: args.flags.unregistered !== true,
      ...(inspect ? { inspect } : {}),
    },
    plan,
    args.flags.offline !== true,
    (c) => {
      if (inspect)
        stopInspector = watchInspector(c, inspect, (url) => {
          inspectorUrl = url;
          if (o.json) ctx.log(`inspector of ${inspect.resource}'s handler host: ${url}`);
        });
      // Before any resource exists, so the console's history sees every event.
      if (args.flags.web === true)
        web = startConsole({
          cluster: c,
          schema: built.schema,
          typeId: built.typeId,
          port: o.web.port,
        });
      web?.then((w) => ctx.log(`web console: ${w.url}`)).catch(() => undefined);
      if (!o.json) return;
      const s = runJsonSession(c, {
        input: process.stdin,
        output: process.stdout,
        keepOnEof: true,
      });
      control.stop = s.stop;
      jsonDone = s.done;
    },
  );
  // 3. --watch: new handler code restarts the hosts; a new schema restarts all of this.
  let outcome: 'quit' | 'restart' = 'quit';
  const watcher =
    args.flags.watch === true
      ? startWatch({
          cluster,
          handler: o.handler,
          outDir: o.outDir,
          bundle: built.bundle,
          schemaHash: built.schemaHash,
          onSchemaChange: () => {
            outcome = 'restart';
            control.stop();
          },
        })
      : undefined;
  // 4. The session, until quit (or a restart).
  let webConsole: WebConsole | undefined;
  try {
    webConsole = await web?.catch((e: Error) => {
      throw new UsageError(`clusterkit run: ${e.message}`);
    });
    if (webConsole) o.web.port = Number(new URL(webConsole.url).port);
    if (jsonDone) {
      if (control.stopRequested) control.stop();
      await jsonDone;
    } else {
      const done = runTtySession(cluster, {
        input: process.stdin,
        output: process.stdout,
        header: () =>
          [
            webConsole ? `web console: ${webConsole.url}` : '',
            inspectorUrl ? `inspector: ${inspectorUrl}` : '',
          ]
            .filter(Boolean)
            .join('   ') || undefined,
      });
      control.stop = () => void process.stdin.emit('data', Buffer.from('q'));
      if (control.stopRequested) control.stop();
      await done;
    }
  } finally {
    stopInspector?.();
    watcher?.close();
    await webConsole?.close();
    await cluster.close();
  }
  return control.stopRequested ? 'quit' : outcome;
}
