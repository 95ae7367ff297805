#!/usr/bin/env node
// A minimal debugger for the tests: connects to a Node inspector (run with
// `node --experimental-websocket`, Node 20) and acts on stdin lines:
//   pause     Debugger.enable then Debugger.pause (the host stops at its next statement)
//   resume    Debugger.resume
//   scripts   Debugger.enable; reports each parsed script with its source map URL
//   eval <js> Runtime.evaluate
// Prints one JSON line per answer or event: {"answer":id,...} or {"event":method,...};
// {"closed":true} when the inspector goes away. Exits when stdin ends.
import { createInterface } from 'node:readline';

const url = process.argv[2];
const ws = new WebSocket(url);
let id = 0;
// Commands typed before the connection is open wait for it.
const queued = [];
const send = (method, params = {}) => {
  const text = JSON.stringify({ id: ++id, method, params });
  if (ws.readyState === WebSocket.OPEN) ws.send(text);
  else queued.push(text);
};
const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

ws.onopen = () => {
  for (const text of queued.splice(0)) ws.send(text);
  out({ open: true });
};
ws.onclose = () => {
  out({ closed: true });
  process.exit(0);
};
ws.onmessage = (m) => {
  const msg = JSON.parse(String(m.data));
  if (msg.id !== undefined) return out({ answer: msg.id, result: msg.result, error: msg.error });
  if (msg.method === 'Debugger.scriptParsed')
    return out({ event: msg.method, url: msg.params.url, sourceMapURL: msg.params.sourceMapURL });
  if (msg.method === 'Debugger.paused')
    return out({ event: msg.method, reason: msg.params.reason });
  if (msg.method === 'Debugger.resumed') return out({ event: msg.method });
};
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [cmd, ...rest] = line.trim().split(' ');
    if (cmd === 'pause') {
      send('Debugger.enable');
      send('Debugger.pause');
    } else if (cmd === 'resume') send('Debugger.resume');
    else if (cmd === 'scripts') send('Debugger.enable');
    else if (cmd === 'eval') send('Runtime.evaluate', { expression: rest.join(' ') });
  })
  .on('close', () => {
    ws.close();
    process.exit(0);
  });
