/**
 * The OCF transport: one persistent host per resource, listening on a UNIX socket in a
 * root-only folder the agent made (0700; the socket itself is 0600). Each agent action
 * connects, reads HELLO, sends its requests and disconnects; between actions the host
 * keeps the instance (ctx.state, managed processes) until SHUTDOWN. Connections are
 * served one at a time, in arrival order, so the calls of the resource stay serialized.
 * A response goes only to the connection its request came in on: a call that outlived its
 * caller is answered to nobody.
 */
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { decodeText, Ev, FrameDecoder, FrameError, LogLevel } from '../protocol/index.js';
import type { ResourceTypeDefinition } from '../sdk/define.js';
import { Channel } from './channel.js';
import { Host } from './host.js';
import { NODE_NAME_VARIABLE } from './node-name.js';
import { notifyPacemaker, type ClusterIdentity } from './ocf-notify.js';

export interface SocketOptions extends ClusterIdentity {
  /** The socket's path; its folder exists and only root can enter it. */
  path: string;
}

export function serveSocket(def: ResourceTypeDefinition, options: SocketOptions): void {
  // ctx.node is Pacemaker's name of this node (what crm_resource --fail names, too).
  if (options.node) process.env[NODE_NAME_VARIABLE] = options.node;
  const channel = Channel.claimStdout();
  channel.detach();
  const host = new Host(def, channel);
  host.guardProcess();
  channel.onEvent = (code, resourceId, payload) => {
    if (code === Ev.FAILED) notifyPacemaker(options, decodeText(payload));
  };
  const queue: Socket[] = [];
  let active: Socket | undefined;

  const next = (): void => {
    channel.detach();
    active = queue.shift();
    if (!active) return;
    const sock = active;
    const decoder = new FrameDecoder();
    channel.attach((bytes, done) => sock.write(bytes, done));
    host.hello();
    host.replayFailures();
    sock.on('data', (chunk: Buffer) => {
      if (host.isExiting) return;
      try {
        const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        for (const frame of decoder.push(bytes)) {
          channel.received(frame); // answered on this connection only
          void host.dispatch(frame);
        }
      } catch (err) {
        const why = err instanceof FrameError ? err.message : String(err);
        channel.log(0, LogLevel.SEVERE, `broken frame stream from an agent (${why}); dropped it`);
        sock.destroy();
      }
    });
    sock.resume();
  };

  const server = createServer({ pauseOnConnect: true }, (sock) => {
    sock.on('error', () => {}); // a vanished agent; 'close' follows
    sock.on('close', () => {
      const at = queue.indexOf(sock);
      if (at >= 0) queue.splice(at, 1);
      if (active === sock) next();
    });
    queue.push(sock);
    if (!active) next();
  });
  removeStaleSocket(options.path);
  const oldMask = process.umask(0o177);
  server.listen(options.path, () => {
    process.umask(oldMask);
    chmodSync(options.path, 0o600);
  });
  server.on('error', (err) => {
    process.stderr.write(`clusterkit host: cannot listen on ${options.path}: ${err.message}\n`);
    process.exit(1);
  });
  host.beforeExit = () => removeStaleSocket(options.path);
}

/** Removes a socket file left by a host that died; anything else at the path is left alone. */
function removeStaleSocket(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // Nothing there.
  }
}
