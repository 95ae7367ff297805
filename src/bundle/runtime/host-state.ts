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

  /** Call options for an operation: its schema deadline, progress for pending ones. */
  callOptions(op: keyof Timeouts, pending = false, timeoutMs?: number): CallOptions {
    const schema = this.def.schema;
    return {
      timeoutMs: timeoutMs ?? schema.timeouts[op],
      pending,
      progressMs: pending ? schema.progressInterval : 0,
      channel: this.channel,
    };
  }
}
