import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleTsEntry } from '../src/dev/cluster/entry-script.js';

/**
 * A runnable `clusterkit` with the run and verify commands, bundled from the TypeScript
 * sources (the CLI's command table registers them separately).
 */
export async function cliWithRunAndVerify(): Promise<string> {
  const kit = resolve('.');
  const dir = join(kit, 'build', 'ts-entries');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'h8-cli-entry.ts');
  writeFileSync(
    entry,
    [
      "import { runCli } from '../../src/dev/cli/run.js';",
      "import { COMMANDS } from '../../src/dev/cli/commands.js';",
      "import { runCommand } from '../../src/dev/cli/commands/run.js';",
      "import { verifyCommand } from '../../src/dev/cli/commands/verify.js';",
      'const extra = [runCommand, verifyCommand].filter((c) => !COMMANDS.some((x) => x.name === c.name));',
      'const code = await runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, [...COMMANDS, ...extra]);',
      'process.exitCode = code;',
      '',
    ].join('\n'),
  );
  const out = join(dir, 'h8-cli.mjs');
  await bundleTsEntry(entry, out, join(kit, 'src'));
  return out;
}
