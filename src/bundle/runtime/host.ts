/**
 * The handler host: dispatches request frames by resource id and answers on its channel.
 * Requests run concurrently; the caller serializes the calls of one resource except
 * TERMINATE/CANCEL, which pre-empt. Where frames come from is the transport's business:
 * the library's pipes (pipe-transport.ts) or a UNIX socket for OCF (socket-transport.ts).
 */
import {
  encodeHello,
  encodeText,
  Ev,
  KIND_EVENT,
  KIND_REQUEST,
  LogLevel,
  Op,
  opName,
  PROTOCOL_VERSION,
  Status,
  type Frame,
} from '../protocol/index.js';
import type { ResourceTypeDefinition } from '../sdk/define.js';
import { schemaHash } from '../sdk/schema.js';
import { KIT_VERSION } from '../version.js';
import { failureOf } from './call.js';
import { Channel } from './channel.js';
import { HostState } from './host-state.js';
import type { Instance } from './instance.js';
import * as life from './lifecycle-ops.js';
import * as query from './query-ops.js';
import { mappedStack } from './stack.js';

/** Exit code for a broken frame stream (docs/protocol.md). */
export const EXIT_BROKEN_STREAM = 70;

type InstanceOp = (host: HostState, req: Frame, inst: Instance) => void | Promise<void>;

const INSTANCE_OPS: Record<number, InstanceOp> = {
  [Op.CLOSE]: life.close,
  [Op.ONLINE]: life.online,
  [Op.OFFLINE]: life.offline,
  [Op.TERMINATE]: life.terminate,
  [Op.CANCEL]: life.cancel,
  [Op.LOOKS_ALIVE]: query.looksAlive,
  [Op.IS_ALIVE]: query.isAlive,
  [Op.VALIDATE]: query.validate,
  [Op.CONTROL]: query.control,
  [Op.SET_NAME]: query.setName,
  [Op.PROPERTIES]: query.properties,
};

export class Host {
  private readonly state: HostState;
  private exiting = false;
  get isExiting(): boolean {
    return this.exiting;
  }

  /** Runs last before the process exits (a transport removes what it created). */
  beforeExit: () => void = () => {};

  constructor(
    def: ResourceTypeDefinition,
    private readonly channel: Channel,
  ) {
    this.state = new HostState(def, channel);
  }

  /** The HELLO event: the first frame on every connection. */
  hello(): void {
    const hello = {
      protocolVersion: PROTOCOL_VERSION,
      hostPid: process.pid,
      schemaHash: schemaHash(this.state.def.schema),
      kitVersion: KIT_VERSION,
    };
    this.channel.event(Ev.HELLO, 0, encodeHello(hello));
  }

  /** Sends FAILED again for every instance whose failure is still current (a new caller). */
  replayFailures(): void {
    for (const inst of this.state.instances.values()) {
      if (inst.failedReason !== undefined)
        this.channel.send({
          kind: KIND_EVENT,
          code: Ev.FAILED,
          requestId: 0,
          resourceId: inst.id,
          status: 0,
          payload: encodeText(inst.failedReason),
        });
    }
  }

  /** Keeps a throwing handler from taking the host down: its errors go to the log. */
  guardProcess(): void {
    process.on('uncaughtException', (err) =>
      this.channel.log(0, LogLevel.ERROR, `handler error (host keeps serving): ${describe(err)}`),
    );
    process.on('unhandledRejection', (err) =>
      this.channel.log(
        0,
        LogLevel.ERROR,
        `unhandled rejection in handler (host keeps serving): ${describe(err)}`,
      ),
    );
  }

  /**
   * Serves one frame; never throws and never rejects (a failure becomes the request's
   * answer). A request the handler answers synchronously is answered before this returns.
   */
  dispatch(req: Frame): void | Promise<void> {
    try {
      const pending = this.serve(req);
      if (pending) return pending.catch((err: unknown) => this.fail(req, err));
    } catch (err) {
      this.fail(req, err);
    }
  }

  private serve(req: Frame): void | Promise<void> {
    if (req.kind !== KIND_REQUEST) {
      return this.channel.log(
        0,
        LogLevel.WARNING,
        `ignored a frame of kind ${req.kind} (only requests are expected)`,
      );
    }
    if (req.code === Op.PING) return this.channel.respond(req, Status.SUCCESS);
    if (req.code === Op.SHUTDOWN) return this.shutdown(req);
    if (req.code === Op.OPEN) return life.open(this.state, req);
    const op = INSTANCE_OPS[req.code];
    if (!op)
      return this.channel.reject(
        req,
        Status.INVALID_FUNCTION,
        `unknown operation ${opName(req.code)}`,
      );
    const inst = this.state.instances.get(req.resourceId);
    if (!inst) {
      return this.channel.reject(
        req,
        Status.RESOURCE_NOT_FOUND,
        `resource ${req.resourceId} is not open (send OPEN first)`,
      );
    }
    return op(this.state, req, inst);
  }

  private fail(req: Frame, err: unknown): void {
    const { status, message } = failureOf(err);
    this.channel.reject(req, status, `${opName(req.code)}: ${message}`);
  }

  /** Terminates every instance, answers, exits 0. */
  private async shutdown(req: Frame): Promise<void> {
    await this.terminateAll();
    this.channel.respond(req, Status.SUCCESS);
    await this.exit(0);
  }

  private async terminateAll(): Promise<void> {
    await Promise.all(
      [...this.state.instances.values()].map((inst) => life.terminate(this.state, undefined, inst)),
    );
  }

  /** Ends the host: aborts every call, kills the managed processes, flushes, exits. */
  async exit(code: number): Promise<void> {
    if (this.exiting) return;
    this.exiting = true;
    for (const inst of this.state.instances.values()) inst.abortAll('host shutting down');
    await Promise.all([...this.state.instances.values()].map((inst) => inst.killProcesses()));
    await Promise.race([this.channel.flush(), new Promise((r) => setTimeout(r, 2000))]);
    this.beforeExit();
    process.exit(code);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? mappedStack(err) : String(err);
}
