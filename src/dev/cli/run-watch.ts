/**
 * `clusterkit run --watch`: on a change in the project, rebundle the handler. Same schema:
 * the library stays loaded (as in RHS) and the handler hosts restart with the new bundle.
 * Another schema: the library must be rebuilt, so the whole local cluster restarts.
 */
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  bundleHandler,
  bundleStep,
  findKitRoot,
  copyAssets,
  resolveAssets,
  writeAdminModule,
} from '../../../generator/index.js';
import type { LocalCluster } from '../cluster/cluster.js';
import type { ClusterEvent } from '../cluster/events.js';
import { restartHandlerHosts } from '../cluster/host-reload.js';
import { watchProject, type ProjectWatcher } from './project-watch.js';

export interface WatchOptions {
  cluster: LocalCluster;
  handler: string;
  outDir: string;
  /** The bundle the running hosts loaded, and the schema hash the library was built for. */
  bundle: string;
  schemaHash: string;
  /** Called when the schema changed: the caller stops the session and starts again. */
  onSchemaChange: () => void;
}

export function startWatch(o: WatchOptions): ProjectWatcher {
  const { projectDir, assets } = resolveAssets(o.handler);
  const assetPaths = assets.map((a) => relative(projectDir, a));
  // What the bundle is made of: the first change finds out, each rebuild updates it.
  let inputs: Set<string> | undefined;
  const relevant = (file: string) =>
    inputs === undefined ||
    inputs.has(join(projectDir, file)) ||
    file === 'package.json' ||
    assetPaths.some((a) => file === a || file.startsWith(`${a}/`));
  // This only learns the inputs: it writes nothing, so a change made meanwhile is not missed.
  bundleHandler({ handler: o.handler, outDir: o.outDir, kitRoot: findKitRoot() }).then(
    (b) => (inputs ??= new Set(b.inputs)),
    () => undefined,
  );
  // The code the running hosts loaded; a rebuild that produces the same bytes restarts nothing.
  let loaded = digest(o.bundle);
  const c = o.cluster;
  const report = (e: Omit<Extract<ClusterEvent, { kind: 'reload' }>, 'kind'>) => {
    c.emit({ kind: 'reload', ...e });
    c.note(
      e.action === 'build-failed' ? 'ERR' : 'INFO',
      'RCM',
      'watch',
      `${e.changed.join(', ')} changed: ${e.detail}`,
    );
  };
  const failed = (changed: string[], what: string, e: unknown) =>
    report({
      changed,
      action: 'build-failed',
      resources: [],
      detail: `${what}: ${e instanceof Error ? e.message : String(e)}`,
    });
  const BUILD_FAILED = 'the build failed, the previous one keeps running';
  const onChange = async (files: string[]) => {
    // Files the type is not made of (notes, logs, other tools' output) change nothing.
    const changed = files.filter(relevant);
    if (changed.length === 0) return;
    // The digest of the new bundle; left unset when the schema changed.
    let now: string | undefined;
    try {
      const step = await bundleStep({ handler: o.handler, outDir: o.outDir });
      inputs = new Set(step.inputs);
      if (step.schemaHash === o.schemaHash) {
        // An asset folder deleted, or an editor's temporary file gone between listing and
        // copying, fails here like a broken edit: reported, and the previous build runs on.
        copyAssets(assets, o.outDir);
        writeAdminModule(step.schema, o.outDir, { bundleFile: `${step.typeId}.handler.js` });
        now = digest(step.bundle);
      }
    } catch (e) {
      return failed(changed, BUILD_FAILED, e);
    }
    if (now === undefined) {
      report({
        changed,
        action: 'cluster-restart',
        resources: [],
        detail: 'the schema changed, so the library is rebuilt and the local cluster restarts',
      });
      return o.onSchemaChange();
    }
    const touchedAssets = changed.some((f) =>
      assetPaths.some((a) => f === a || f.startsWith(`${a}/`)),
    );
    if (now === loaded && !touchedAssets) {
      const detail = 'the bundle and the assets are unchanged; nothing restarted';
      return report({ changed, action: 'unchanged', resources: [], detail });
    }
    let r;
    try {
      r = await restartHandlerHosts(c);
    } catch (e) {
      return failed(changed, 'restarting the handler hosts with the new build failed', e);
    }
    loaded = now;
    const notOnline = r.failed.map((f) => `${f.name} (${f.why})`);
    report({
      changed,
      action: 'hosts-restarted',
      resources: r.restarted,
      detail:
        `schema unchanged; the library stays loaded, handler host(s) ${r.hosts.join(', ') || '(none running)'} restarted` +
        (r.restarted.length ? `; ${r.restarted.join(', ')} online again` : '') +
        (notOnline.length ? `; not online: ${notOnline.join(', ')}` : ''),
    });
  };
  // The safety net: whatever else throws is reported the same way, never left unhandled.
  const watcher = watchProject(projectDir, o.outDir, onChange, (files, e) =>
    failed(files, BUILD_FAILED, e),
  );
  c.note('INFO', 'RCM', 'watch', `watching ${projectDir} for changes (--watch)`);
  return watcher;
}

function digest(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
