/** The host's command line: how the library, the build and the OCF agent start a bundle. */

/** Print the schema and exit (the build reads it). */
export const SCHEMA_FLAG = '--clusterkit-schema';
/** In schema mode, an error while the handler module loads is one stderr line: this + JSON. */
export const SCHEMA_ERROR_PREFIX = 'clusterkit-schema-error: ';
/** Serve on this UNIX socket instead of stdin/stdout (the OCF agent). */
export const SOCKET_FLAG = '--clusterkit-socket';
/** The Pacemaker resource id and node, for reporting ctx.fail at once. */
export const RESOURCE_FLAG = '--clusterkit-resource';
export const NODE_FLAG = '--clusterkit-node';

export interface HostArguments {
  schema: boolean;
  socket?: string;
  resource?: string;
  node?: string;
}

const VALUE_FLAGS: Record<string, 'socket' | 'resource' | 'node'> = {
  [SOCKET_FLAG]: 'socket',
  [RESOURCE_FLAG]: 'resource',
  [NODE_FLAG]: 'node',
};

/** The parsed arguments, or a one-line error. Arguments not ours are left to the handler. */
export function hostArguments(argv: readonly string[]): HostArguments | string {
  const out: HostArguments = { schema: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === SCHEMA_FLAG) {
      out.schema = true;
      continue;
    }
    const key = VALUE_FLAGS[arg];
    if (!key) continue;
    const value = argv[i + 1];
    if (value === undefined || value === '' || value.startsWith('--clusterkit-'))
      return `${arg} needs a value`;
    out[key] = value;
    i++;
  }
  return out;
}
