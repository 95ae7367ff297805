/** What the operation handlers share: the definition, the channel, the instances. */
import type { ResourceTypeDefinition } from '../sdk/define.js';
import type { Timeouts } from '../sdk/schema.js';
import type { CallOptions } from './call.js';
import type { Channel } from './channel.js';
import type { Instance } from './instance.js';
import { nodeName } from './node-name.js';
import { sweepScratch } from './scratch.js';

export class HostState {
  readonly instances = new Map<number, Instance>();
  /** ctx.node of every instance. */
  readonly node = nodeName();

  constructor(
    readonly def: ResourceTypeDefinition,
    readonly channel: Channel,
  ) {
    // Scratch folders of hosts of this type that died (a crash leaves them behind).
    sweepScratch(def.schema.type);
  }

  /** The options of each operation, made once (pending ones apart). */
  private readonly cached = [new Map<string, CallOptions>(), new Map<string, CallOptions>()];

  /** Call options for an operation: its schema deadline, progress for pending ones. */
  callOptions(op: keyof Timeouts, pending = false, timeoutMs?: number): CallOptions {
    if (timeoutMs !== undefined) return this.makeOptions(op, pending, timeoutMs);
    const cache = this.cached[pending ? 1 : 0];
    let options = cache.get(op);
    if (!options) cache.set(op, (options = this.makeOptions(op, pending)));
    return options;
  }

  private makeOptions(op: keyof Timeouts, pending: boolean, timeoutMs?: number): CallOptions {
    const schema = this.def.schema;
    return Object.freeze({
      timeoutMs: timeoutMs ?? schema.timeouts[op],
      pending,
      progressMs: pending ? schema.progressInterval : 0,
    });
  }
}
