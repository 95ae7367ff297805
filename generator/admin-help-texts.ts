/**
 * The help of each generated cmdlet: fixed sentences plus the type's names and its property
 * parameters. Only text goes in here; helpBlock turns it into safe comment lines.
 */
import type { Schema } from '../src/bundle/sdk/schema.js';
import { dependencySentence, newResourceExample } from './admin-example.js';
import { helpBlock, outputsText, propertySections } from './admin-help.js';
import type { AdminParam } from './admin-params.js';

/** Comment-help blocks keyed by the template field they fill. */
export function helpTexts(
  schema: Schema,
  typeId: string,
  writable: AdminParam[],
  all: AdminParam[],
) {
  const t = `'${schema.type}'`;
  const example = writable.find((p) => p.prop.required) ?? writable[0];
  const exampleArgs = example ? ` -${example.param} <value>` : '';
  const dependencies = dependencySentence(schema);
  return {
    helpRegister: helpBlock([
      [
        'SYNOPSIS',
        `Installs the resource type ${t} (${schema.displayName}) on every node and registers it with the cluster.`,
      ],
      [
        'DESCRIPTION',
        `Copies the package folder (the resource library, the handler bundle, its assets) to InstallPath on every node through its administrative share, with node.exe beside the library (from the package, else this machine's) unless -NodePath is given, then runs Add-ClusterResourceType.`,
      ],
      ['PARAMETER SourcePath', 'The unpacked package folder. Default: the folder of this module.'],
      [
        'PARAMETER InstallPath',
        'Local folder on every node (same path everywhere). Default: $env:ProgramFiles\\clusterkit\\' +
          typeId +
          '.',
      ],
      [
        'PARAMETER NodePath',
        'Path of node.exe already installed on every node; when given, Node.js is not copied and the machine variable CLUSTERKIT_NODE is set to it on every node.',
      ],
      ['PARAMETER Cluster', 'Cluster to act on. Default: the local cluster.'],
      [
        'NOTES',
        'The library starts node.exe from beside itself unless CLUSTERKIT_NODE is set. The Resource Hosting Subsystem reads that variable when it starts, so after the first -NodePath registration restart the cluster service on each node.',
      ],
      ['EXAMPLE', `Register-${typeId}ResourceType -InstallPath 'C:\\ClusterTypes\\${typeId}'`],
    ]),
    helpUnregister: helpBlock([
      ['SYNOPSIS', `Removes the resource type ${t} from the cluster (Remove-ClusterResourceType).`],
      [
        'DESCRIPTION',
        'Refuses while resources of the type exist. With -RemoveFiles it also deletes InstallPath on every node.',
      ],
      ['PARAMETER InstallPath', 'The folder Register used on every node.'],
      ['PARAMETER RemoveFiles', 'Also delete the installed files on every node.'],
      ['PARAMETER Cluster', 'Cluster to act on. Default: the local cluster.'],
    ]),
    helpNew: helpBlock([
      ['SYNOPSIS', `Creates a resource of type ${t} and sets its private properties.`],
      [
        'DESCRIPTION',
        'Checks the -DependsOn providers first, then runs Add-ClusterResource, Set-ClusterParameter -Multiple with the properties given, and Add-ClusterResourceDependency for each provider. If the cluster refuses a value or a dependency, the new resource is removed again. Properties left out keep their defaults.' +
          (dependencies ? `\n${dependencies}` : ''),
      ],
      ['PARAMETER Name', 'Name of the new resource.'],
      [
        'PARAMETER Group',
        "Group to create the resource in. Default: the providers' group when -DependsOn is given.",
      ],
      [
        'PARAMETER DependsOn',
        `Resources (in the same group) the new resource depends on; the cluster brings them online first.${dependencies ? ` ${dependencies}` : ''}`,
      ],
      ['PARAMETER Cluster', 'Cluster to act on. Default: the local cluster.'],
      ...propertySections(writable),
      ['EXAMPLE', newResourceExample(schema, typeId, writable)],
    ]),
    helpGet: helpBlock([
      ['SYNOPSIS', `Lists resources of type ${t} with their typed private properties.`],
      ['PARAMETER Name', 'Only these resources. Default: every resource of the type.'],
      ['PARAMETER Cluster', 'Cluster to act on. Default: the local cluster.'],
      ['OUTPUTS', outputsText(schema, all)],
      ['EXAMPLE', `Get-${typeId}Resource | Format-List`],
    ]),
    helpSet: helpBlock([
      ['SYNOPSIS', `Changes private properties of a resource of type ${t}.`],
      [
        'DESCRIPTION',
        'Only the properties given change (Set-ClusterParameter -Multiple). Most take effect the next time the resource comes online.',
      ],
      ['PARAMETER Name', 'Name of the resource; also taken from piped objects.'],
      ['PARAMETER Cluster', 'Cluster to act on. Default: the local cluster.'],
      ...propertySections(writable),
      ['EXAMPLE', `Get-${typeId}Resource -Name 'Resource1' | Set-${typeId}Resource${exampleArgs}`],
    ]),
  };
}
