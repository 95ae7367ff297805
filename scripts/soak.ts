/*
 * npm run soak: minutes of online/offline/terminate cycles across many resources with faults
 * injected at random (test/soak/soak-run.ts), checked at every checkpoint and at the end.
 * Prints the seed first (replay with --seed), one line per checkpoint, then the summary;
 * exits 1 on any leak or broken rule.
 *
 *   npm run soak -- [--seed N] [--minutes M] [--actions N] [--resources R] [--actors A]
 *                   [--phase N] [--fault-every N] [--rss-bound MiB] [--sanitized-core DIR]
 *
 * --sanitized-core: a native/ build tree configured with -DCK_SANITIZE (e.g. build/native-asan);
 * the library is built against its core, and node must run with the sanitizer runtime in
 * LD_PRELOAD (scripts/run-tests.mjs does that in npm test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSeed } from '../test/soak/soak-random.js';
import { runSoak, summaryLine, type SoakOptions } from '../test/soak/soak-run.js';

const FLAGS: Record<string, keyof SoakOptions | 'minutes'> = {
  '--seed': 'seed',
  '--minutes': 'minutes',
  '--actions': 'actions',
  '--resources': 'resources',
  '--actors': 'actors',
  '--phase': 'phase',
  '--fault-every': 'faultEvery',
  '--rss-bound': 'rssBoundMiB',
};

interface Args {
  numbers: Record<string, number>;
  sanitizedCore?: string;
}

function parse(argv: string[]): Args {
  const out: Args = { numbers: {} };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--sanitized-core' && argv[i + 1]) {
      out.sanitizedCore = argv[i + 1];
      continue;
    }
    const key = FLAGS[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isFinite(value) || value < 0) {
      console.error(`soak: unknown flag or bad value: ${argv[i]} ${argv[i + 1] ?? ''}`);
      console.error(
        `flags: ${Object.keys(FLAGS).join(' ')} (each takes a number), --sanitized-core DIR`,
      );
      process.exit(2);
    }
    out.numbers[key] = value;
  }
  return out;
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  const a = args.numbers;
  const seed = a.seed ?? freshSeed();
  const minutes = a.minutes ?? 5;
  console.log(`soak: seed ${seed} (replay with --seed ${seed}), ${minutes} min`);
  const outDir = mkdtempSync(join(tmpdir(), 'ck-soak-'));
  try {
    const s = await runSoak({
      seed,
      resources: a.resources ?? 24,
      actions: a.actions ?? Number.MAX_SAFE_INTEGER,
      untilMs: Date.now() + minutes * 60_000,
      actors: a.actors ?? 4,
      phase: a.phase ?? 200,
      faultEvery: a.faultEvery ?? 25,
      rssBoundMiB: a.rssBoundMiB ?? 64,
      outDir,
      sanitizedCore: args.sanitizedCore,
      log: (line) => console.log(line),
    });
    for (const p of s.problems.slice(0, 40)) console.log(`problem: ${p}`);
    console.log(summaryLine(s));
    return s.problems.length === 0 && s.leakedProcesses === 0 && s.leakedFds === 0 ? 0 : 1;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`soak failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
