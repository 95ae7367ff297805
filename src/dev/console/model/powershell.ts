/**
 * The PowerShell behind each console action, as Hawk shows the CLI behind each click: the
 * generated module's cmdlets (Set-<TypeId>Resource, Get-<TypeId>Resource) and FailoverClusters
 * (Start-ClusterResource, Move-ClusterGroup -Node, ...). Every name and value is quoted by the
 * generator's psString, the quoting the admin module itself is generated with.
 */
import { adminParams, psString, type AdminParam } from '../../../../generator/index.js';
import type { Schema } from '../../../bundle/sdk/schema.js';
import type { WireParameter } from '../../cluster/admin-values.js';
import type { PowerShellLines, TypeInfo } from './types.js';

type Value = WireParameter['value'];

/** A cast literal for Set-ClusterParameter, by ClusterParameterType: exact for every value. */
export function psParameterValue(type: string, value: Value): string {
  switch (type) {
    case 'UInt32':
      return `[uint32]${Number(value)}`;
    case 'Int32':
      return `[int32]${Number(value)}`;
    case 'UInt64':
      return `[uint64]${psString(String(value))}`;
    case 'Int64':
      return `[int64]${psString(String(value))}`;
    case 'StringCollection':
      return `[string[]]${psArray(value as string[])}`;
    case 'ByteArray':
      return `[byte[]]${psBytes(String(value))}`;
    default:
      return psString(String(value));
  }
}

/** A command-argument literal for the generated module's typed parameter of `kind`. */
export function psArgument(param: AdminParam, value: Value): string {
  switch (param.prop.kind) {
    case 'bool':
      return Number(value) !== 0 ? '$true' : '$false';
    case 'dword':
    case 'long':
      return String(Number(value));
    case 'ulargeInteger':
    case 'largeInteger':
      return `([${param.psType}]${psString(String(value))})`;
    case 'multiString':
      return psArray(value as string[]);
    case 'binary':
      return `([byte[]]${psBytes(String(value))})`;
    case 'secret':
      // The value is never shown: the administrator types it at the prompt.
      return '(Read-Host -AsSecureString)';
    default:
      return psString(String(value));
  }
}

/** A secret's value in Set-ClusterParameter: read from the prompt, never written out. */
const SECRET_VALUE = `[System.Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password`;

function psArray(items: string[]): string {
  return `@(${items.map((s) => psString(s)).join(', ')})`;
}

function psBytes(base64: string): string {
  const bytes = [...Buffer.from(base64, 'base64')];
  if (bytes.length === 0) return '@()';
  return `(${bytes.map((b) => `0x${b.toString(16).padStart(2, '0').toUpperCase()}`).join(', ')})`;
}

/** The commands that make a SET_PRIVATE_PROPERTIES of `params` on `resource`. */
export function setPropertiesCommands(
  type: TypeInfo,
  schema: Schema,
  resource: string,
  params: WireParameter[],
): PowerShellLines[] {
  const byName = new Map(adminParams(schema.properties).map((p) => [p.prop.name.toLowerCase(), p]));
  const out: PowerShellLines[] = [];
  const declared = params.map((p) => byName.get(p.name.toLowerCase()));
  if (params.length > 0 && declared.every((p) => p && !p.prop.readOnly)) {
    const args = params.map(
      (p, i) => `-${declared[i]!.param} ${psArgument(declared[i]!, p.value)}`,
    );
    out.push({
      what: `The generated module (${type.typeId}.psd1)`,
      lines: [`Set-${type.typeId}Resource -Name ${psString(resource)} ${args.join(' ')}`],
    });
  }
  const get = `Get-ClusterResource -Name ${psString(resource)}`;
  const unknown = params.filter((p, i) => !declared[i]);
  const known = params.filter((p, i) => declared[i]);
  const lines: string[] = [];
  if (known.length > 0) {
    const secret = (p: WireParameter) => byName.get(p.name.toLowerCase())?.prop.kind === 'secret';
    const pairs = known.map(
      (p) =>
        `${psString(p.name)} = ${secret(p) ? SECRET_VALUE : psParameterValue(p.type, p.value)}`,
    );
    lines.push(`${get} | Set-ClusterParameter -Multiple @{ ${pairs.join('; ')} }`);
  }
  for (const p of unknown)
    lines.push(
      `${get} | Set-ClusterParameter -Name ${psString(p.name)} -Value (${psParameterValue(p.type, p.value)}) -Create`,
    );
  if (lines.length > 0) out.push({ what: 'FailoverClusters', lines });
  return out;
}

/** Reading a resource's private properties. */
export function getPropertiesCommands(type: TypeInfo, resource: string): PowerShellLines[] {
  return [
    {
      what: `The generated module (${type.typeId}.psd1)`,
      lines: [`Get-${type.typeId}Resource -Name ${psString(resource)}`],
    },
    {
      what: 'FailoverClusters',
      lines: [`Get-ClusterResource -Name ${psString(resource)} | Get-ClusterParameter`],
    },
  ];
}

/** What the cluster page shows. */
export function clusterCommands(type: TypeInfo): PowerShellLines[] {
  return [
    { what: 'Nodes', lines: ['Get-ClusterNode'] },
    { what: 'Groups (roles) and their owner nodes', lines: ['Get-ClusterGroup'] },
    {
      what: `Resources of type ${type.name}`,
      lines: [`Get-${type.typeId}Resource | Format-Table Name, State, OwnerGroup, OwnerNode`],
    },
  ];
}

/** The handler host processes of the type on a node, found by their command line. */
function hostProcesses(type: TypeInfo): string {
  const file = `${type.typeId}.handler.js`;
  return `Get-CimInstance Win32_Process -Filter "Name = 'node.exe'" | Where-Object CommandLine -like ${psString(`*${file}*`)}`;
}

export const ACTION_COMMANDS = {
  online: (r: string): PowerShellLines => ({
    what: 'Bring the resource online (FailoverClusters)',
    lines: [`Start-ClusterResource -Name ${psString(r)}`],
  }),
  offline: (r: string): PowerShellLines => ({
    what: 'Take the resource offline (FailoverClusters)',
    lines: [`Stop-ClusterResource -Name ${psString(r)}`],
  }),
  move: (group: string, node: string): PowerShellLines => ({
    what: 'Move the group (FailoverClusters)',
    lines: [`Move-ClusterGroup -Name ${psString(group)} -Node ${psString(node)}`],
  }),
  fail: (r: string): PowerShellLines => ({
    what: 'Simulate a failure; the restart policy applies (FailoverClusters)',
    lines: [`Test-ClusterResourceFailure -Name ${psString(r)}`],
  }),
  killApp: (r: string, node: string, pidProperty: string | undefined): PowerShellLines =>
    pidProperty
      ? {
          what: `Kill the application by the Pid the resource publishes, on its node`,
          lines: [
            `$ckPid = (Get-ClusterResource -Name ${psString(r)} | Get-ClusterParameter -Name ${psString(pidProperty)}).Value`,
            `Invoke-Command -ComputerName ${psString(node)} -ScriptBlock { Stop-Process -Id $using:ckPid -Force }`,
          ],
        }
      : {
          what: 'Kill the application',
          lines: [
            '# The type publishes no read-only Pid property: no command can tell its process apart.',
          ],
        },
  killHost: (type: TypeInfo, node: string): PowerShellLines => ({
    what: 'Kill the handler host (node.exe running the handler bundle) on the owner node',
    lines: [
      `Invoke-Command -ComputerName ${psString(node)} -ScriptBlock { ${hostProcesses(type)} | ForEach-Object { Stop-Process -Id $_.ProcessId -Force } }`,
    ],
  }),
  hangHost: (type: TypeInfo, node: string): PowerShellLines => ({
    what: 'Hang the handler host',
    lines: [
      '# No cmdlet suspends a process. The local cluster stops the handler host (SIGSTOP),',
      '# as a debugger halting it would. The processes it stops:',
      `Invoke-Command -ComputerName ${psString(node)} -ScriptBlock { ${hostProcesses(type)} }`,
    ],
  }),
  loseNode: (node: string): PowerShellLines => ({
    what: 'Stop the cluster service on the node; its groups fail over (FailoverClusters)',
    lines: [`Stop-ClusterNode -Name ${psString(node)}`],
  }),
  restoreNode: (node: string): PowerShellLines => ({
    what: 'Start the cluster service on the node again (FailoverClusters)',
    lines: [`Start-ClusterNode -Name ${psString(node)}`],
  }),
};
