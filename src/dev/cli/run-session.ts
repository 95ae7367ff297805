/**
 * One session of `clusterkit run`: build, plan, start the local cluster, serve the live view or
 * the JSON stream (and the web console, the watcher, the inspector) until it ends. Loaded only
 * by `clusterkit run`.
 */
import { buildType } from '../../../generator/index.js';
import { ClusterError } from '../cluster/errors.js';
import { runJsonSession } from '../cluster/json-session.js';
import type { RunPlan } from '../cluster/run-config.js';
import { checkRequired, dependencyWarnings } from '../cluster/run-plan.js';
import { startFromPlan } from '../cluster/session.js';
import { runTtySession } from '../cluster/tty-session.js';
import { startConsole, type WebConsole } from '../console/index.js';
import { UsageError, type CommandContext, type ParsedArgs } from './command.js';
import { planFromArgs } from './commands/run.js';
import { chooseInspected, watchInspector } from './run-inspect.js';
import { startWatch } from './run-watch.js';

const str = (a: ParsedArgs, k: string) =>
  typeof a.flags[k] === 'string' ? (a.flags[k] as string) : undefined;

export interface RunOnce {
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
export async function runOnce(o: RunOnce): Promise<'quit' | 'restart'> {
  const { args, ctx, control } = o;
  // 1. The type, built, and what to start, checked against its schema.
  const built = await buildType({ handler: o.handler, outDir: o.outDir });
  const schema = built.schema;
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
