// The koffi binding mirrors the headers: every struct's size, member offsets and member
// sizes, every prototype's arguments and result, as gcc computes them from
// native/include; and the declarations come in header order.
import { readFileSync } from 'node:fs';
import koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { resApiTypes } from '../src/dev/harness/binding.js';
import { cValues, headerPath } from './c-probe.js';

type Info = {
  primitive: string;
  size: number;
  members?: Record<string, { name: string; type: unknown; offset: number }>;
  proto?: { arguments: { type: unknown }[]; result: unknown };
};
const info = (t: unknown): Info =>
  t !== null && typeof t === 'object' && 'primitive' in t
    ? (t as Info)
    : (koffi.type(t as never) as unknown as Info);
const types = resApiTypes() as unknown as Record<string, unknown>;

/** Binding prototypes of struct members that C declares inline (no typedef name). */
const MEMBER_PROTOS: Record<string, string> = {
  DB_QUERY: 'ck_host_services.db_query',
  DB_SET: 'ck_host_services.db_set',
  DB_DELETE: 'ck_host_services.db_delete',
  EVENT_SIGNALED: 'ck_host_services.event_signaled',
  PROTECT: 'ck_host_services.protect',
  UNPROTECT: 'ck_host_services.unprotect',
};

interface Declaration {
  name: string;
  kind: 'struct' | 'proto';
  members?: string[];
  args?: string[];
  result?: string;
}

/** The struct and function-pointer typedefs of a header, in order (enough C for these headers). */
function declarations(file: string): Declaration[] {
  const text = readFileSync(headerPath(file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const out: { at: number; decl: Declaration }[] = [];
  for (const m of text.matchAll(/typedef struct (\w+) \{([\s\S]*?)\n\} \1\b/g)) {
    const body = m[2].replace(/union \{|\};/g, ';');
    const members: string[] = [];
    for (const raw of body.split(';')) {
      const d = raw.trim();
      if (!d) continue;
      const fn = /\(\s*\*\s*(\w+)\s*\)\s*\(([^)]*)\)/.exec(d);
      if (fn) {
        members.push(fn[1]);
        const result = d.slice(0, d.indexOf('(')).trim();
        // Declared just before the struct, as the binding must.
        out.push({
          at: m.index! - 1,
          decl: { name: `${m[1]}.${fn[1]}`, kind: 'proto', args: args(fn[2]), result },
        });
      } else {
        members.push(
          ...d.split(',').map((x) =>
            x
              .trim()
              .split(/[\s*]+/)
              .pop()!,
          ),
        );
      }
    }
    out.push({ at: m.index!, decl: { name: m[1], kind: 'struct', members } });
  }
  for (const m of text.matchAll(/typedef (\w+)\s*\(WINAPI \*(\w+)\)\(([^;]*)\);/g)) {
    out.push({
      at: m.index!,
      decl: { name: m[2], kind: 'proto', args: args(m[3]), result: m[1] },
    });
  }
  return out.sort((a, b) => a.at - b.at).map((x) => x.decl);
}

/** The C type of each parameter (the parameter name dropped). */
function args(list: string): string[] {
  return list
    .split(',')
    .map((a) => a.trim())
    .map((a) => {
      const tokens = a.replace(/\*/g, ' * ').trim().split(/\s+/);
      const named = tokens.length > 1 && /^\w+$/.test(tokens[tokens.length - 1]);
      return (named ? tokens.slice(0, -1) : tokens).join(' ');
    });
}

const resapi = declarations('ck_resapi.h');
const kit = declarations('clusterkit.h').filter((d) => d.name.startsWith('ck_host_services'));
const header = [...resapi, ...kit];
const bindingName = (name: string) =>
  Object.entries(MEMBER_PROTOS).find(([, c]) => c === name)?.[0] ?? name;

/** Every fact as a C expression and the number the binding gives for it. */
function facts(): Record<string, [string, number]> {
  const out: Record<string, [string, number]> = {};
  for (const d of header) {
    const t = info(types[bindingName(d.name)]);
    if (d.kind === 'struct') {
      out[`sizeof(${d.name})`] = [`sizeof(${d.name})`, t.size];
      for (const [name, m] of flatMembers(t)) {
        out[`offsetof(${d.name}, ${name})`] = [`offsetof(${d.name}, ${name})`, m.offset];
        out[`sizeof ${d.name}.${name}`] = [`sizeof(((${d.name} *)0)->${name})`, m.size];
      }
    } else {
      const proto = t.proto!;
      const fixed = d.args!.filter((a) => a !== '...' && a !== 'void');
      fixed.forEach((type, i) => {
        out[`${d.name} arg ${i}`] = [`sizeof(${type})`, info(proto.arguments[i].type).size];
      });
      const result = d.result === 'VOID' || d.result === 'void' ? 0 : null;
      out[`${d.name} result`] = [
        result === 0 ? '0' : `sizeof(${d.result})`,
        info(proto.result).primitive === 'Void' ? 0 : info(proto.result).size,
      ];
      const variadic = d.args!.includes('...');
      out[`${d.name} arity`] = [
        String(variadic ? proto.arguments.length : fixed.length),
        proto.arguments.length,
      ];
    }
  }
  return out;
}

/** Members with their offsets; the union member stands for its (anonymous in C) members. */
function flatMembers(t: Info): [string, { offset: number; size: number }][] {
  const out: [string, { offset: number; size: number }][] = [];
  for (const m of Object.values(t.members ?? {})) {
    const mt = info(m.type);
    if (mt.primitive === 'Union') {
      for (const u of Object.values(mt.members ?? {}))
        out.push([u.name, { offset: m.offset + u.offset, size: info(u.type).size }]);
    } else out.push([m.name, { offset: m.offset, size: mt.size }]);
  }
  return out;
}

describe('koffi mirror of ck_resapi.h / clusterkit.h', () => {
  it('declares every struct and prototype of ck_resapi.h, in header order', () => {
    const order = Object.keys(types).map((k) => MEMBER_PROTOS[k] ?? k);
    expect(order.filter((n) => header.some((d) => d.name === n))).toEqual(
      header.map((d) => d.name),
    );
  });

  it('has the members C declares, in order', () => {
    for (const d of header.filter((x) => x.kind === 'struct')) {
      const mine = flatMembers(info(types[d.name])).map(([name]) => name);
      expect([d.name, mine]).toEqual([d.name, d.members]);
    }
  });

  it('has the sizes, offsets and argument sizes gcc computes from the headers', () => {
    const all = facts();
    const fromC = cValues(Object.fromEntries(Object.entries(all).map(([k, [e]]) => [k, e])));
    const mine = Object.fromEntries(Object.entries(all).map(([k, [, n]]) => [k, String(n)]));
    expect(mine).toEqual(fromC);
  });
});
