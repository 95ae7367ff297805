/**
 * Tells Pacemaker at once that a resource failed (ctx.fail), instead of waiting for its
 * next monitor: `crm_resource --fail --resource <id> --node <node>`, the documented way to
 * record a failure from outside the agent. Run with an argument vector, never a shell.
 */
import { execFile } from 'node:child_process';

export interface ClusterIdentity {
  /** The Pacemaker resource id (OCF_RESOURCE_INSTANCE). */
  resource?: string;
  /** The node this host runs on (OCF_RESKEY_CRM_meta_on_node). */
  node?: string;
}

const NOTIFY_TIMEOUT_MS = 15_000;

export function notifyPacemaker(who: ClusterIdentity, reason: string): void {
  const stamp = new Date().toISOString();
  if (!who.resource || !who.node) {
    process.stderr.write(
      `${stamp} WARN handler failure not reported to Pacemaker (no resource or node name): ${reason}\n`,
    );
    return;
  }
  const args = ['--fail', '--resource', who.resource, '--node', who.node];
  execFile('crm_resource', args, { timeout: NOTIFY_TIMEOUT_MS }, (err, _out, stderr) => {
    const result = err ? `failed: ${String(stderr || err.message).trim()}` : 'done';
    process.stderr.write(
      `${new Date().toISOString()} INFO crm_resource --fail for ${who.resource} on ${who.node} (${reason}): ${result}\n`,
    );
  });
}
