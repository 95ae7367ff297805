/**
 * The handler host entry (`clusterkit/runtime`). A bundle's entry is
 *   import 'clusterkit/runtime/prelude'; import def from '<handler>';
 *   import { runHost } from 'clusterkit/runtime'; runHost(def);
 */
import { isResourceTypeDefinition, type ResourceTypeDefinition } from '../sdk/define.js';
import { claimStdout } from './claim-stdout.js';
import { hostArguments, SCHEMA_FLAG } from './host-arguments.js';
import { servePipes } from './pipe-transport.js';
import { serveSocket } from './socket-transport.js';

export { EXIT_BROKEN_STREAM } from './host.js';
export {
  SCHEMA_ERROR_PREFIX,
  SCHEMA_FLAG,
  SOCKET_FLAG,
  RESOURCE_FLAG,
  NODE_FLAG,
} from './host-arguments.js';

/**
 * Runs the handler host for `definition`: on the library's pipes, on a UNIX socket for the
 * OCF agent (--clusterkit-socket), or prints its schema (--clusterkit-schema).
 */
export function runHost(definition: unknown): void {
  if (!isResourceTypeDefinition(definition)) {
    process.stderr.write(
      "clusterkit: the handler's default export is not a defineResourceType(...) result; " +
        'write `export default defineResourceType({ ... })` in the handler file\n',
    );
    process.exitCode = 1;
    return;
  }
  const def = definition as ResourceTypeDefinition;
  const args = hostArguments(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`clusterkit host: ${args}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.schema) {
    claimStdout()(`${JSON.stringify(def.schema)}\n`, () => process.exit(0));
    return;
  }
  if (args.socket) return serveSocket(def, { path: args.socket, ...args });
  servePipes(def);
}
