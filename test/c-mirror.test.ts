// The TypeScript mirrors of the C headers hold exactly the headers' values: the ck_resapi.h
// mirror (src/bundle/resapi), the clusterkit.h constants the generator writes, and the
// protocol version. Each value is printed by a C program compiled against the real headers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as resapi from '../src/bundle/resapi/index.js';
import { PROTOCOL_VERSION } from '../src/bundle/protocol/index.js';
import { alignClusprop } from '../src/bundle/clusprop/index.js';
import { C_CONSTANTS } from '../generator/index.js';
import { cValues, headerPath } from './c-probe.js';

/** The C name of a mirrored value: error codes and registry types carry a CK_ prefix in C. */
function cName(tsName: string): string {
  return /^(ERROR|REG)_/.test(tsName) ? `CK_${tsName}` : tsName;
}

/** Values of the mirror that are not header constants, with the C expression they equal. */
const DERIVED: Record<string, string | null> = {
  MAX_CONTROL_FUNCTION: 'CK_CLUSCTL_FUNCTION(0xFFFFFFFFu)',
  // RHS behaviour, not a header value (docs/rhs-behaviour.md).
  INFINITE: null,
};

/** Numeric constants a header defines: object-like #defines and enum members. */
function headerConstants(file: string): string[] {
  const text = readFileSync(headerPath(file), 'utf8');
  const names = [...text.matchAll(/^#define\s+(\w+)[ \t]+(\S.*)$/gm)]
    .filter(([, , value]) => !/^"|sizeof/.test(value))
    .map(([, name]) => name);
  for (const body of text.matchAll(/typedef enum \w+ \{([^}]*)\}/g)) {
    names.push(...[...body[1].matchAll(/(\w+)\s*=/g)].map((m) => m[1]));
  }
  return names;
}

const mirror = Object.entries(resapi).filter(
  (entry): entry is [string, number] => typeof entry[1] === 'number',
);

describe('the ck_resapi.h mirror', () => {
  it('has every value the header has, compiled and printed by C', () => {
    const exprs: Record<string, string> = {};
    for (const [name] of mirror) {
      const expr = name in DERIVED ? DERIVED[name] : cName(name);
      if (expr) exprs[name] = expr;
    }
    const fromC = cValues(exprs);
    const mine = Object.fromEntries(
      mirror.filter(([name]) => name in exprs).map(([name, v]) => [name, String(v)]),
    );
    expect(mine).toEqual(fromC);
  });

  it('leaves no numeric constant of the header out', () => {
    const mirrored = new Set(mirror.map(([name]) => cName(name)));
    const posixBaseTypes = ['TRUE', 'FALSE', 'WINAPI'];
    const missing = headerConstants('ck_resapi.h').filter(
      (name) => !mirrored.has(name) && !posixBaseTypes.includes(name),
    );
    expect(missing).toEqual([]);
  });

  it('computes control codes and padding with the header macros', () => {
    const samples = [0, 1, 7, 0x3ffff];
    const exprs: Record<string, string> = {};
    for (const fn of samples) {
      exprs[`user_${fn}`] = `CK_CLUSCTL_USER_CODE(${fn}u, CLUS_OBJECT_RESOURCE)`;
      exprs[`fn_${fn}`] =
        `CK_CLUSCTL_FUNCTION(CK_CLUSCTL_USER_CODE(${fn}u, CLUS_OBJECT_RESOURCE_TYPE))`;
      exprs[`align_${fn}`] = `ALIGN_CLUSPROP(${fn}u)`;
    }
    const mine: Record<string, string> = {};
    for (const fn of samples) {
      mine[`user_${fn}`] = String(resapi.clusctlUserCode(fn, resapi.CLUS_OBJECT_RESOURCE));
      mine[`fn_${fn}`] = String(
        resapi.clusctlFunction(resapi.clusctlUserCode(fn, resapi.CLUS_OBJECT_RESOURCE_TYPE)),
      );
      mine[`align_${fn}`] = String(alignClusprop(fn));
    }
    expect(mine).toEqual(cValues(exprs));
  });
});

describe('the clusterkit.h constants the generator and the protocol use', () => {
  it('equal the header values', () => {
    const mine: Record<string, string> = {
      CK_PROTOCOL_VERSION: String(PROTOCOL_VERSION),
    };
    for (const [name, value] of Object.entries(C_CONSTANTS.flags)) mine[name] = String(value);
    const exprs = Object.fromEntries(Object.keys(mine).map((name) => [name, name]));
    expect(mine).toEqual(cValues(exprs));
  });

  it('leave no numeric constant of clusterkit.h out', () => {
    const known = new Set([
      'CK_PROTOCOL_VERSION',
      ...Object.keys(C_CONSTANTS.flags),
      ...mirror.map(([name]) => cName(name)),
    ]);
    const missing = headerConstants('clusterkit.h').filter(
      (name) => !known.has(name) && name !== 'CK_EXPORT',
    );
    expect(missing).toEqual([]);
  });

  it('name every ck_timeouts field once, and the struct has no other', () => {
    const fields = Object.values(C_CONSTANTS.timeoutFields);
    const init = fields.map((f, i) => `.${f} = ${i + 1}u`).join(', ');
    const exprs: Record<string, string> = {
      fields: `sizeof(ck_timeouts) / sizeof(DWORD)`,
    };
    fields.forEach((f, i) => {
      exprs[f] = `((ck_timeouts){ ${init} }).${f} == ${i + 1}u`;
    });
    const expected: Record<string, string> = { fields: String(fields.length) };
    for (const f of fields) expected[f] = '1';
    expect(cValues(exprs)).toEqual(expected);
  });
});
