import { describe, expect, it } from 'vitest';
import {
  dependentsOf,
  offlineOrder,
  onlineOrder,
  providersOf,
} from '../src/dev/cluster/dependencies.js';
import { DependencyCycleError } from '../src/dev/cluster/errors.js';

const deps = new Map<string, string[]>([
  ['App', ['Disk', 'IP']],
  ['IP', ['NIC']],
  ['Web', ['App']],
]);
const all = ['Web', 'App', 'IP', 'Disk', 'NIC'];

describe('dependency order inside a group', () => {
  it('brings providers online before their dependents (bottom-up)', () => {
    const order = onlineOrder(all, deps);
    const at = (n: string) => order.indexOf(n);
    expect(order).toHaveLength(5);
    expect(at('NIC')).toBeLessThan(at('IP'));
    expect(at('IP')).toBeLessThan(at('App'));
    expect(at('Disk')).toBeLessThan(at('App'));
    expect(at('App')).toBeLessThan(at('Web'));
  });

  it('takes dependents offline before their providers (top-down)', () => {
    const order = offlineOrder(all, deps);
    expect(order.indexOf('Web')).toBeLessThan(order.indexOf('App'));
    expect(order.indexOf('App')).toBeLessThan(order.indexOf('IP'));
    expect(order.indexOf('IP')).toBeLessThan(order.indexOf('NIC'));
  });

  it('refuses a cycle with an error naming it', () => {
    const cyc = new Map([
      ['A', ['B']],
      ['B', ['C']],
      ['C', ['A']],
    ]);
    let err: unknown;
    try {
      onlineOrder(['A', 'B', 'C'], cyc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DependencyCycleError);
    expect((err as DependencyCycleError).code).toBe('DEPENDENCY_CYCLE');
    expect((err as DependencyCycleError).cycle).toEqual(['A', 'B', 'C', 'A']);
    expect((err as Error).message).toMatch(/A -> B -> C -> A/);
  });

  it('refuses a resource that depends on itself', () => {
    expect(() => onlineOrder(['A'], new Map([['A', ['a']]]))).toThrow(DependencyCycleError);
  });

  it('refuses a dependency on a resource outside the group', () => {
    expect(() => onlineOrder(['A'], new Map([['A', ['Elsewhere']]]))).toThrow(/not in its group/);
  });

  it('finds every dependent of a failed provider (top-down) and every provider of a resource (bottom-up)', () => {
    expect(dependentsOf('IP', all, deps)).toEqual(['Web', 'App']);
    expect(dependentsOf('Web', all, deps)).toEqual([]);
    const p = providersOf('Web', all, deps);
    expect(new Set(p)).toEqual(new Set(['App', 'Disk', 'IP', 'NIC']));
    expect(p.indexOf('NIC')).toBeLessThan(p.indexOf('IP'));
  });
});
