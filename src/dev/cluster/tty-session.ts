import type { LocalCluster } from './cluster.js';
import { runSessionCommand } from './session.js';
import { renderView } from './tty-view.js';

/**
 * The live terminal view: redraws a few times a second and maps keys to cluster commands.
 * Resolves when the user quits (q or Ctrl-C); the caller closes the cluster.
 */
export function runTtySession(
  c: LocalCluster,
  io: { input: NodeJS.ReadStream; output: NodeJS.WriteStream; header?: () => string | undefined },
): Promise<void> {
  let selected = 0;
  let message = '';
  const names = () => [...c.resources.values()].map((r) => r.name);
  const draw = () => {
    const snap = c.snapshot();
    selected = Math.min(selected, Math.max(0, snap.length - 1));
    io.output.write(
      renderView({
        type: c.options.type,
        nodes: [...c.nodes.values()].map((n) => ({
          name: n.name,
          up: n.up,
          monitors: n.monitorList.filter((x) => x.alive).length,
        })),
        resources: snap,
        selected,
        log: c.log.tail(12),
        message,
        width: io.output.columns || 120,
        header: io.header?.(),
      }),
    );
  };
  const act = (line: string) => {
    message = `${line}...`;
    runSessionCommand(c, line).then(
      (r) => (message = r),
      (e: Error) => (message = `error: ${e.message}`),
    );
  };
  return new Promise((resolve) => {
    const timer = setInterval(draw, 250);
    const quit = () => {
      clearInterval(timer);
      io.input.off('data', onKey);
      if (io.input.isTTY) io.input.setRawMode(false);
      io.input.pause();
      io.output.write('\n');
      resolve();
    };
    const onKey = (buf: Buffer) => {
      const k = buf.toString();
      const r = names()[selected];
      if (k === 'q' || k === '\u0003') return quit();
      if (k === '\u001b[A') selected = Math.max(0, selected - 1);
      else if (k === '\u001b[B' || k === '\t')
        selected = Math.min(names().length - 1, selected + 1);
      else if (r && k === 'o') act(`online ${r}`);
      else if (r && k === 'f') act(`offline ${r}`);
      else if (r && k === 'x') act(`fail ${r}`);
      else if (r && k === 'k') act(`kill-host ${r}`);
      else if (r && k === 'm') act(`move ${c.resource(r).group.name}`);
      draw();
    };
    if (io.input.isTTY) io.input.setRawMode(true);
    io.input.resume();
    io.input.on('data', onKey);
    draw();
  });
}
