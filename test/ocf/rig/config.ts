import { readdirSync } from 'node:fs';
import { RigError } from './errors.js';
import { escapeXml } from './xml.js';

/** One node's identity in corosync.conf. */
export interface NodeSpec {
  name: string;
  id: number;
  addr: string;
}

/**
 * Cluster options seeded into the first CIB of every node, so they hold from the first
 * second: with the default dc-deadtime (20 s) the first DC is elected ~23 s after start,
 * with 1s about 4 s after start (measured, README).
 */
export const DEFAULT_CLUSTER_OPTIONS: Readonly<Record<string, string>> = {
  'stonith-enabled': 'false',
  'dc-deadtime': '1s',
  'cluster-recheck-interval': '1min',
};

const OPTION_NAME = /^[a-z][a-z0-9-]*$/;

/** corosync.conf text. Corosync's parser wants a newline after every `{`. */
export function corosyncConf(clusterName: string, nodes: readonly NodeSpec[]): string {
  const nodelist = nodes.flatMap((n) => [
    '  node {',
    `    name: ${n.name}`,
    `    nodeid: ${n.id}`,
    `    ring0_addr: ${n.addr}`,
    '  }',
  ]);
  return [
    'totem {',
    '  version: 2',
    `  cluster_name: ${clusterName}`,
    '  transport: knet',
    '  crypto_cipher: none',
    '  crypto_hash: none',
    '}',
    'logging {',
    '  to_stderr: no',
    '  to_syslog: no',
    '  to_logfile: yes',
    '  logfile: /var/log/corosync/corosync.log',
    '  timestamp: hires',
    '}',
    'quorum {',
    '  provider: corosync_votequorum',
    ...(nodes.length === 2 ? ['  two_node: 1'] : []),
    '}',
    'nodelist {',
    ...nodelist,
    '}',
    '',
  ].join('\n');
}

/** The newest CIB schema this Pacemaker ships, so seeded and created XML may use all of it. */
export function newestSchema(dir = '/usr/share/pacemaker'): string {
  const versions = readdirSync(dir)
    .map((f) => /^pacemaker-(\d+)\.(\d+)\.rng$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const last = versions[versions.length - 1];
  return last ? `pacemaker-${last[0]}.${last[1]}` : 'pacemaker-3.0';
}

/** A first cib.xml holding only cluster options; Pacemaker accepts it without a digest file. */
export function seedCib(
  options: Readonly<Record<string, string>>,
  schema = newestSchema(),
): string {
  const pairs = Object.entries(options).map(([name, value]) => {
    if (!OPTION_NAME.test(name)) {
      throw new RigError(
        'RIG_BAD_INPUT',
        `cluster option name ${JSON.stringify(name)} is not a Pacemaker option name`,
      );
    }
    return `        <nvpair id="rig-opt-${name}" name="${name}" value="${escapeXml(value)}"/>`;
  });
  return [
    `<cib validate-with="${schema}" epoch="1" num_updates="0" admin_epoch="0">`,
    '  <configuration>',
    '    <crm_config>',
    '      <cluster_property_set id="cib-bootstrap-options">',
    ...pairs,
    '      </cluster_property_set>',
    '    </crm_config>',
    '    <nodes/>',
    '    <resources/>',
    '    <constraints/>',
    '  </configuration>',
    '  <status/>',
    '</cib>',
    '',
  ].join('\n');
}
