// The application this resource type makes cluster-aware: a TCP server that greets each
// client and echoes what it sends. Usage: node server.mjs <port> <greeting> [address]
import { createServer } from 'node:net';

const port = Number(process.argv[2]);
const greeting = process.argv[3] ?? 'hello';
const address = process.argv[4] ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`server.mjs: the port must be 1..65535, got ${process.argv[2]}`);
  process.exit(2);
}

const server = createServer((socket) => {
  socket.write(`${greeting}\n`);
  socket.pipe(socket);
  socket.on('error', () => socket.destroy());
});
server.on('error', (err) => {
  console.error(`server.mjs: ${err.message}`);
  process.exit(1);
});
server.listen(port, address, () => console.log(`listening on ${address}:${port}`));
// A graceful stop: Offline sends SIGTERM and waits for the exit.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
