/*
 * The call plumbing of a resource (gate, serialization, DeadlockTimeout watch, events)
 * and its ResourceControl side: raw control codes and private properties.
 */
import {
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES,
  ERROR_MORE_DATA,
  ERROR_RESOURCE_PROPERTIES_STORED,
  ERROR_SUCCESS,
} from '../../bundle/resapi/index.js';
import type { ControlResult } from './entry-points.js';
import { ControlFailedError, InvalidArgumentError, PropertiesRejectedError } from './errors.js';
import type { HarnessEvent } from './events.js';
import { decodeFromLibrary, encodeForSet, type PropertyValues } from './properties.js';
import type { ResourceHost } from './resource-host.js';
import { SerialQueue } from './serial-queue.js';
import type { Timing } from './timing.js';

type EventBody = HarnessEvent extends infer E
  ? E extends HarnessEvent
    ? Omit<E, 'resource' | 't'>
    : never
  : never;

const MAX_EVENTS = 5000;

export abstract class ResourceControls {
  readonly events: HarnessEvent[] = [];
  protected readonly queue = new SerialQueue();

  constructor(
    protected readonly host: ResourceHost,
    readonly name: string,
    readonly resid: bigint,
    readonly timing: Timing,
  ) {}

  protected abstract checkOpen(): void;

  emit(body: EventBody): void {
    const e = { ...body, resource: this.name, t: this.host.now() } as HarnessEvent;
    this.events.push(e);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
    this.host.emit(e);
  }

  /** One entry-point call: through the process gate, watched for DeadlockTimeout. */
  call<T>(name: string, fn: () => Promise<T>, urgent = false): Promise<T> {
    return this.host.track(
      this.host.gate.run(async () => {
        const startedAt = this.host.now();
        const watch = setTimeout(() => {
          const elapsedMs = this.host.now() - startedAt;
          this.emit({ type: 'deadlock', call: name, elapsedMs });
        }, this.timing.deadlockTimeout);
        watch.unref();
        let status: number | boolean | null = null;
        try {
          const r = await fn();
          if (typeof r === 'number' || typeof r === 'boolean') status = r;
          else if (r && typeof r === 'object' && 'status' in r)
            status = (r as { status: number }).status;
          return r;
        } finally {
          clearTimeout(watch);
          this.emit({
            type: 'call',
            call: name,
            status,
            startedAt,
            durationMs: this.host.now() - startedAt,
          });
        }
      }, urgent),
    );
  }

  /**
   * Raw ResourceControl; grows the output buffer when the library answers ERROR_MORE_DATA.
   * With `outSize` it makes exactly one call with an output buffer of that many bytes (0 = a
   * NULL buffer), so a test can see the library's own ERROR_MORE_DATA answer.
   */
  control(
    code: number,
    input: Uint8Array = new Uint8Array(0),
    outSize?: number,
  ): Promise<ControlResult> {
    this.checkOpen();
    if (
      outSize !== undefined &&
      (!Number.isInteger(outSize) || outSize < 0 || outSize > 0xffffffff)
    )
      throw new InvalidArgumentError(`outSize must be an integer 0..4294967295, got ${outSize}`);
    return this.queue.run(() => this.controlNow(code, input, outSize));
  }

  protected async controlNow(
    code: number,
    input: Uint8Array,
    outSize?: number,
  ): Promise<ControlResult> {
    if (outSize !== undefined)
      return this.call(`ResourceControl(0x${code.toString(16).padStart(8, '0')})`, () =>
        this.host.entry.control(this.resid, code, input, outSize),
      );
    let size = 4096;
    for (let attempt = 0; ; attempt++) {
      const r = await this.call(`ResourceControl(0x${code.toString(16).padStart(8, '0')})`, () =>
        this.host.entry.control(this.resid, code, input, size),
      );
      if (r.status !== ERROR_MORE_DATA || attempt >= 3 || r.returned <= size) return r;
      size = r.returned;
    }
  }

  /** SET_PRIVATE_PROPERTIES through the library (validated by it); `stored` = applied at next Online. */
  async setProperties(values: Record<string, unknown>): Promise<{ stored: boolean }> {
    this.checkOpen();
    const kinds = await this.host.propertyKinds(this);
    const list = encodeForSet(values, kinds);
    const mark = this.host.logs.mark();
    const r = await this.control(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, list);
    if (r.status === ERROR_SUCCESS) return { stored: false };
    if (r.status === ERROR_RESOURCE_PROPERTIES_STORED) return { stored: true };
    // The library logs why it refused (one line naming the property) before it returns.
    await this.host.logs.lineSince(mark, this.name);
    throw new PropertiesRejectedError(
      this.name,
      r.status,
      this.host.logs.since(mark, this.name),
      this.host.logs.reasonSince(mark, this.name),
    );
  }

  /** Read/write private properties with stored-or-default values. */
  getProperties(): Promise<PropertyValues> {
    return this.readList(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, 'GET_PRIVATE_PROPERTIES');
  }

  /** Read-only private properties (the values the handler published). */
  getReadOnlyProperties(): Promise<PropertyValues> {
    return this.readList(CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES, 'GET_RO_PRIVATE_PROPERTIES');
  }

  private async readList(code: number, what: string): Promise<PropertyValues> {
    this.checkOpen();
    const kinds = await this.host.propertyKinds(this);
    const mark = this.host.logs.mark();
    const r = await this.control(code);
    if (r.status !== ERROR_SUCCESS)
      throw new ControlFailedError(
        this.name,
        what,
        r.status,
        this.host.logs.since(mark, this.name),
      );
    return decodeFromLibrary(r.data, kinds);
  }
}
