#!/usr/bin/env node
// A plain TCP echo server: every byte a client sends comes straight back.
// Usage: node echo-server.mjs --port <n> [--host <addr>] [--verbose]
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        verbose: { type: 'boolean', default: false },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error('--port must be an integer 1..65535');
    return { port, host: values.host, verbose: values.verbose };
  } catch (err) {
    process.stderr.write(
      `echo-server: ${err.message}\nusage: node echo-server.mjs --port <n> [--host <addr>] [--verbose]\n`,
    );
    process.exit(2);
  }
}

const { port, host, verbose } = options();
const sockets = new Set();
const server = createServer((socket) => {
  sockets.add(socket);
  if (verbose) console.log(`connection from ${socket.remoteAddress}:${socket.remotePort}`);
  socket.on('error', () => socket.destroy());
  socket.on('close', () => sockets.delete(socket));
  socket.pipe(socket);
});

server.on('error', (err) => {
  process.stderr.write(`echo-server: cannot listen on ${host}:${port}: ${err.message}\n`);
  process.exit(1);
});

server.listen(port, host, () => console.log(`listening on ${host}:${port}`));

// A graceful stop: refuse new connections, end the open ones, then exit.
function stop() {
  server.close(() => process.exit(0));
  for (const socket of sockets) socket.end();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
