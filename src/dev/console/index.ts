/**
 * The web console of the local cluster (`clusterkit run --web`), and its page model: plain
 * JSON views another front end could render (docs/console.md).
 */
export { startConsole } from './server.js';
export type { ConsoleOptions, WebConsole } from './server.js';
export type * from './model/types.js';
