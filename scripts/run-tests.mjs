#!/usr/bin/env node
// Runs every suite of the kit (C unit tests through CTest, the same and a short soak under
// ASan + UBSan, fuzzing for a bounded time, the vitest suites, the Pester suites through
// pwsh) and ends with one plain line:
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fuzzSeconds = process.env.CK_FUZZ_SECONDS ?? '60';
const results = [];

function run(name, cmd, args, opts = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: opts.capture ? 'pipe' : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
  });
  if (opts.capture) process.stdout.write((r.stdout ?? '') + (r.stderr ?? ''));
  return r;
}

function ctest() {
  const dir = join(root, 'build', 'native-tests');
  const conf = run('configure C tests', 'cmake', [
    '-S',
    'native',
    '-B',
    dir,
    '-DCK_BUILD_TESTS=ON',
    '-DCMAKE_BUILD_TYPE=Debug',
  ]);
  const build = conf.status === 0 ? run('build C tests', 'cmake', ['--build', dir, '-j2']) : conf;
  if (build.status !== 0) return results.push({ suite: 'ctest', passed: 0, failed: 1 });
  const r = run('C tests', 'ctest', ['--test-dir', dir, '--output-on-failure', '-j2'], {
    capture: true,
  });
  const m = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(r.stdout ?? '');
  if (!m) return results.push({ suite: 'ctest', passed: 0, failed: 1 });
  const failed = Number(m[2]);
  results.push({ suite: 'ctest', passed: Number(m[3]) - failed, failed });
}

// The one formatter config, enforced: prettier for TS/JS/JSON/Markdown, clang-format for C.
function format() {
  const prettier = run('format: prettier --check', join(root, 'node_modules', '.bin', 'prettier'), [
    '--check',
    '.',
  ]);
  const cFiles = spawnSync(
    'git',
    ['ls-files', '-co', '--exclude-standard', 'native/*.c', 'native/*.h'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .stdout.split('\n')
    .filter(Boolean);
  const clang = run('format: clang-format --dry-run --Werror', 'clang-format', [
    '--dry-run',
    '--Werror',
    ...cFiles,
  ]);
  const failed =
    (prettier.status === 0 ? 0 : 1) + (clang.status === 0 && cFiles.length > 0 ? 0 : 1);
  results.push({ suite: 'format', passed: 2 - failed, failed });
}

// The C tests and a short soak against a build of the core with AddressSanitizer and
// UndefinedBehaviorSanitizer (clang). Node loads the sanitized library with the ASan runtime
// preloaded; Node's own allocations are not leak-checked there (LeakSanitizer would report
// V8's), the C tests are.
function sanitize() {
  const dir = join(root, 'build', 'native-asan');
  const sanitizerEnv = {
    CC: 'clang',
    ASAN_OPTIONS: 'abort_on_error=1:detect_leaks=1',
    UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
  };
  const conf = run('configure sanitizer build', 'cmake', [
    '-S',
    'native',
    '-B',
    dir,
    '-DCK_BUILD_TESTS=ON',
    '-DCMAKE_BUILD_TYPE=Debug',
    '-DCMAKE_C_COMPILER=clang',
    '-DCK_SANITIZE=address,undefined',
  ]);
  const build =
    conf.status === 0 ? run('build sanitizer build', 'cmake', ['--build', dir, '-j2']) : conf;
  if (build.status !== 0) return results.push({ suite: 'sanitize', passed: 0, failed: 1 });
  const r = run(
    'C tests (ASan + UBSan)',
    'ctest',
    ['--test-dir', dir, '--output-on-failure', '-j2'],
    {
      capture: true,
      env: sanitizerEnv,
    },
  );
  const m = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(r.stdout ?? '');
  const cFailed = m ? Number(m[2]) : 1;
  const cPassed = m ? Number(m[3]) - cFailed : 0;
  const runtime = spawnSync('clang', ['-print-file-name=libclang_rt.asan-x86_64.so'], {
    encoding: 'utf8',
  }).stdout.trim();
  const soak = run(
    'soak (sanitized library)',
    process.execPath,
    [
      join(root, 'dist', 'scripts', 'soak.js'),
      '--actions',
      '150',
      '--resources',
      '6',
      '--phase',
      '50',
      '--minutes',
      '3',
      '--sanitized-core',
      dir,
    ],
    {
      env: {
        LD_PRELOAD: runtime,
        ASAN_OPTIONS: 'abort_on_error=1:detect_leaks=0:quarantine_size_mb=32',
        UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
        UV_THREADPOOL_SIZE: '16',
      },
    },
  );
  const soakOk = soak.status === 0 ? 1 : 0;
  results.push({ suite: 'sanitize', passed: cPassed + soakOk, failed: cFailed + 1 - soakOk });
}

function fuzz() {
  const script = join(root, 'native', 'fuzz', 'run.sh');
  if (!existsSync(script)) return;
  const r = run(`fuzzing (${fuzzSeconds} s per target)`, 'bash', [script, fuzzSeconds]);
  results.push({ suite: 'fuzz', passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1 });
}

// Builds the kit's C core once before the parallel test files start, so that they link
// against a finished archive instead of queueing on its lock.
function prebuildCore() {
  const code = `import('${join(root, 'dist', 'generator', 'index.js').replace(/\\/g, '/')}').then((m) => m.buildType({ handler: ${JSON.stringify(join(root, 'examples', 'echo-server', 'src', 'handler.ts'))}, outDir: ${JSON.stringify(join(root, 'examples', 'echo-server', 'dist'))} }))`;
  const r = run('prebuild the C core', process.execPath, ['--input-type=module', '-e', code]);
  if (r.status !== 0) results.push({ suite: 'prebuild', passed: 0, failed: 1 });
}

function vitest() {
  const out = join(mkdtempSync(join(tmpdir(), 'ck-vitest-')), 'report.json');
  const r = run('vitest', join(root, 'node_modules', '.bin', 'vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!existsSync(out)) return results.push({ suite: 'vitest', passed: 0, failed: 1 });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(dirname(out), { recursive: true, force: true });
  const failedFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  results.push({
    suite: 'vitest',
    passed: report.numPassedTests,
    failed:
      report.numFailedTests +
      failedFiles +
      (r.status !== 0 && report.numFailedTests === 0 && failedFiles === 0 ? 1 : 0),
  });
}

// pwsh from scripts/install-powershell.sh (~/.dotnet/tools), else from PATH.
function findPwsh() {
  const tool = join(homedir(), '.dotnet', 'tools', 'pwsh');
  if (existsSync(tool)) return tool;
  const r = spawnSync('pwsh', ['-NoProfile', '-NonInteractive', '-Command', 'exit 0']);
  return r.status === 0 ? 'pwsh' : undefined;
}

// The Pester files of test/powershell; run-pester.ps1 writes the counts as JSON.
function powershell() {
  const pwsh = findPwsh();
  if (!pwsh) {
    console.log('\n=== PowerShell: pwsh not found; run bash scripts/install-powershell.sh');
    return results.push({ suite: 'powershell', passed: 0, failed: 1 });
  }
  const out = join(mkdtempSync(join(tmpdir(), 'ck-pester-')), 'result.json');
  const r = run('PowerShell (Pester)', pwsh, [
    '-NoProfile',
    '-NonInteractive',
    '-File',
    join(root, 'test', 'powershell', 'run-pester.ps1'),
    '-ResultFile',
    out,
  ]);
  if (!existsSync(out)) return results.push({ suite: 'powershell', passed: 0, failed: 1 });
  const counts = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(dirname(out), { recursive: true, force: true });
  results.push({
    suite: 'powershell',
    passed: counts.passed,
    failed: counts.failed + (r.status !== 0 && counts.failed === 0 ? 1 : 0),
  });
}

const only = process.argv[2];
if (!only || only === 'format') format();
if (!only || only === 'c') ctest();
if (!only || only === 'sanitize') sanitize();
if (!only || only === 'fuzz') fuzz();
if (!only || only === 'ts') {
  prebuildCore();
  vitest();
}
if (!only || only === 'ps') powershell();

console.log('\n=== summary');
for (const r of results) console.log(`${r.suite}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
