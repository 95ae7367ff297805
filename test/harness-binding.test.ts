import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import koffi from 'koffi';
import { afterAll, describe, expect, it } from 'vitest';
import { resApiTypes } from '../src/dev/harness/binding.js';

/** Each layout fact as C computes it from the real headers, and as the koffi mirror has it. */
const t = resApiTypes();
const FACTS: [string, number][] = [
  ['sizeof(RESOURCE_STATUS)', koffi.sizeof(t.RESOURCE_STATUS)],
  ['offsetof(RESOURCE_STATUS, CheckPoint)', koffi.offsetof(t.RESOURCE_STATUS, 'CheckPoint')],
  ['offsetof(RESOURCE_STATUS, EventHandle)', koffi.offsetof(t.RESOURCE_STATUS, 'EventHandle')],
  ['sizeof(RESOURCE_STATUS_EX)', koffi.sizeof(t.RESOURCE_STATUS_EX)],
  [
    'offsetof(RESOURCE_STATUS_EX, EventHandle)',
    koffi.offsetof(t.RESOURCE_STATUS_EX, 'EventHandle'),
  ],
  ['offsetof(RESOURCE_STATUS_EX, WaitHint)', koffi.offsetof(t.RESOURCE_STATUS_EX, 'WaitHint')],
  ['sizeof(CLRES_V1_FUNCTIONS)', koffi.sizeof(t.CLRES_V1_FUNCTIONS)],
  ['sizeof(CLRES_V2_FUNCTIONS)', koffi.sizeof(t.CLRES_V2_FUNCTIONS)],
  [
    'offsetof(CLRES_V2_FUNCTIONS, ResourceControl)',
    koffi.offsetof(t.CLRES_V2_FUNCTIONS, 'ResourceControl'),
  ],
  ['offsetof(CLRES_V2_FUNCTIONS, Cancel)', koffi.offsetof(t.CLRES_V2_FUNCTIONS, 'Cancel')],
  [
    'offsetof(CLRES_FUNCTION_TABLE, V1Functions)',
    koffi.offsetof(t.CLRES_FUNCTION_TABLE_V1, 'V1Functions'),
  ],
  [
    'offsetof(CLRES_FUNCTION_TABLE, V2Functions)',
    koffi.offsetof(t.CLRES_FUNCTION_TABLE_V2, 'V2Functions'),
  ],
  ['sizeof(ck_host_services)', koffi.sizeof(t.ck_host_services)],
  ['offsetof(ck_host_services, db_query)', koffi.offsetof(t.ck_host_services, 'db_query')],
  [
    'offsetof(ck_host_services, event_signaled)',
    koffi.offsetof(t.ck_host_services, 'event_signaled'),
  ],
  ['offsetof(ck_host_services, type_key)', koffi.offsetof(t.ck_host_services, 'type_key')],
];

describe('koffi mirror of ck_resapi.h / clusterkit.h', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ck-binding-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the layouts gcc computes from the headers', () => {
    const src = join(dir, 'layout.c');
    const exe = join(dir, 'layout');
    const lines = FACTS.map(([expr]) => `  printf("%zu\\n", (size_t)(${expr}));`).join('\n');
    writeFileSync(
      src,
      `#include <stdio.h>\n#include <stddef.h>\n#include "clusterkit.h"\nint main(void) {\n${lines}\n  return 0;\n}\n`,
    );
    execFileSync('gcc', [
      '-std=c11',
      '-Wall',
      '-Werror',
      '-I',
      resolve('native/include'),
      '-o',
      exe,
      src,
    ]);
    const fromC = execFileSync(exe, { encoding: 'utf8' }).trim().split('\n').map(Number);
    const mirror = FACTS.map(([expr, n]) => `${expr} = ${n}`);
    expect(mirror).toEqual(FACTS.map(([expr], i) => `${expr} = ${fromC[i]}`));
  });
});
