/**
 * Changes to a type project, for `clusterkit run --watch`: one recursive fs.watch on the
 * project folder, ignoring build output and dependencies. The events of one save (editors
 * write, rename, touch) arrive as a burst, so they are handed on together once the folder has
 * been quiet for QUIET_MS; changes that arrive while the handler runs are handed on after it.
 */
import { watch, type FSWatcher } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

const QUIET_MS = 80;
const IGNORED = ['node_modules', '.git', '.clusterkit', 'build'];

export interface ProjectWatcher {
  close(): void;
}

export function watchProject(
  projectDir: string,
  outDir: string,
  onChange: (files: string[]) => Promise<void>,
  /** Called when `onChange` rejects; whatever `onError` throws itself is dropped. */
  onError: (files: string[], error: unknown) => void,
): ProjectWatcher {
  const ignored = [...IGNORED.map((d) => join(projectDir, d)), outDir];
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const flush = () => {
    timer = undefined;
    if (running || pending.size === 0) return;
    const files = [...pending].sort();
    pending.clear();
    running = onChange(files)
      .catch((e: unknown) => {
        try {
          onError(files, e);
        } catch {
          // The report itself failed (the cluster closing): nothing else is left to tell.
        }
      })
      .finally(() => {
        running = undefined;
        if (pending.size > 0) flush();
      });
  };
  const watcher: FSWatcher = watch(projectDir, { recursive: true }, (_event, name) => {
    if (!name) return;
    const file = join(projectDir, name.toString());
    if (ignored.some((d) => isInside(file, d))) return;
    pending.add(relative(projectDir, file));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, QUIET_MS);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}

function isInside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
