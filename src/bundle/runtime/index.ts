/**
 * The handler host entry (`clusterkit/runtime`). A bundle's entry is
 *   import def from '<handler>'; import { runHost } from 'clusterkit/runtime'; runHost(def);
 */
import { isResourceTypeDefinition, type ResourceTypeDefinition } from '../sdk/define.js';
import { Channel } from './channel.js';
import { Host } from './host.js';

export { EXIT_BROKEN_STREAM } from './host.js';

/** The flag that makes a bundle print its schema and exit (the build reads it). */
export const SCHEMA_FLAG = '--clusterkit-schema';

/** Runs the handler host for `definition` (or prints its schema with --clusterkit-schema). */
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
  if (process.argv.includes(SCHEMA_FLAG)) {
    process.stdout.write(`${JSON.stringify(def.schema)}\n`, () => process.exit(0));
    return;
  }
  new Host(def, Channel.claimStdout()).start();
}
