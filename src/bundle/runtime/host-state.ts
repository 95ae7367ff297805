/** What the operation handlers share: the definition, the channel, the instances. */
import type { ResourceTypeDefinition } from '../sdk/define.js';
import type { Timeouts } from '../sdk/schema.js';
import type { CallOptions } from './call.js';
import type { Channel } from './channel.js';
import type { Instance } from './instance.js';

export class HostState {
  readonly instances = new Map<number, Instance>();

  constructor(
    readonly def: ResourceTypeDefinition,
    readonly channel: Channel,
  ) {}

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
