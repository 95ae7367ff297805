import { runArgv, runChecked } from './exec.js';

/** Link-local addresses on the veth pair; each run has its own namespaces, so they never meet. */
export const NODE_ADDRESSES = ['169.254.77.1', '169.254.77.2'] as const;

/**
 * Creates one network namespace per node, with `lo` up. Two nodes get a veth pair made
 * directly inside their namespaces (the link names never exist on the host).
 */
export async function createNetworks(names: readonly string[]): Promise<void> {
  for (const ns of names) {
    await runChecked('ip', ['netns', 'add', ns]);
    await runChecked('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  }
  if (names.length === 2) {
    const [a, b] = names;
    await runChecked('ip', [
      'link',
      'add',
      'rig0',
      'netns',
      a,
      'type',
      'veth',
      'peer',
      'name',
      'rig0',
      'netns',
      b,
    ]);
    for (const [i, ns] of names.entries()) {
      await runChecked('ip', ['-n', ns, 'addr', 'add', `${NODE_ADDRESSES[i]}/24`, 'dev', 'rig0']);
      await runChecked('ip', ['-n', ns, 'link', 'set', 'rig0', 'up']);
    }
  }
}

/** Deletes a namespace; deleting one that is already gone is not an error. */
export async function deleteNetwork(name: string): Promise<void> {
  await runArgv('ip', ['netns', 'del', name]);
}

/** Names of every network namespace `ip netns` knows. */
export async function listNetworks(): Promise<string[]> {
  const r = await runArgv('ip', ['netns', 'list']);
  return r.stdout
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter(Boolean);
}
