import type { Clock } from './clock.js';
import { INFINITE, type ResolvedGroupPolicy } from './settings.js';

/** FailoverThreshold (0xFFFFFFFF = nodes - 1) for a cluster of `nodeCount` nodes. */
export function effectiveFailoverThreshold(policy: ResolvedGroupPolicy, nodeCount: number): number {
  return policy.failoverThreshold === INFINITE
    ? Math.max(0, nodeCount - 1)
    : policy.failoverThreshold;
}

/**
 * FailoverThreshold within FailoverPeriod, sliding window: a group may fail over while fewer
 * than the threshold failovers happened in the last FailoverPeriod.
 */
export class FailoverTracker {
  private failovers: number[] = [];

  constructor(
    private readonly policy: ResolvedGroupPolicy,
    private readonly clock: Clock,
  ) {}

  get count(): number {
    this.prune();
    return this.failovers.length;
  }

  mayFailover(nodeCount: number): boolean {
    this.prune();
    return this.failovers.length < effectiveFailoverThreshold(this.policy, nodeCount);
  }

  record(): void {
    this.failovers.push(this.clock.now());
  }

  private prune(): void {
    const since = this.clock.now() - this.policy.failoverPeriod;
    this.failovers = this.failovers.filter((t) => t > since);
  }
}

export interface NodeChoice {
  /** Every node, in cluster order. */
  nodes: readonly string[];
  /** Nodes that are up. */
  up: ReadonlySet<string>;
  /** The group's preferred owners, most preferred first (unknown names are ignored). */
  preferredOwners?: readonly string[];
  /** The node the group is on now (it is never chosen). */
  current?: string;
}

/** Preferred owners first, then every other node in cluster order (case-insensitive names). */
export function ownerOrder(nodes: readonly string[], preferred: readonly string[] = []): string[] {
  const byKey = new Map(nodes.map((n) => [n.toLowerCase(), n]));
  const out: string[] = [];
  for (const p of preferred) {
    const n = byKey.get(p.toLowerCase());
    if (n && !out.includes(n)) out.push(n);
  }
  for (const n of nodes) if (!out.includes(n)) out.push(n);
  return out;
}

/** Where a group goes first: the first up node in owner order. */
export function initialNode(c: Omit<NodeChoice, 'current'>): string | undefined {
  return ownerOrder(c.nodes, c.preferredOwners).find((n) => c.up.has(n));
}

/**
 * The next node in owner order after the current one (wrapping around), skipping the
 * current node and nodes that are down; undefined when no other node is up.
 */
export function nextNode(c: NodeChoice): string | undefined {
  const order = ownerOrder(c.nodes, c.preferredOwners);
  const cur =
    c.current === undefined
      ? -1
      : order.findIndex((n) => n.toLowerCase() === c.current!.toLowerCase());
  for (let i = 1; i <= order.length; i++) {
    const n = order[(cur + i + order.length) % order.length];
    if (c.current !== undefined && n.toLowerCase() === c.current.toLowerCase()) continue;
    if (c.up.has(n)) return n;
  }
  return undefined;
}
