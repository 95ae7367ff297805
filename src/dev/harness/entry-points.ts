/*
 * The library's entry points as promise-returning functions. Every call runs on a koffi
 * worker thread (`.async`) so the JS thread stays free to serve the library's callbacks.
 */
import { CLRES_VERSION_V2_00, ERROR_SUCCESS } from '../../bundle/resapi/index.js';
import { koffi, resApiTypes, type KoffiFn } from './binding.js';

export type Pointer = bigint | null;

/** Calls fn.async and resolves with its result. */
export function callAsync<T>(fn: KoffiFn, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    (fn as unknown as { async: (...a: unknown[]) => void }).async(
      ...args,
      (err: unknown, res: T) => (err ? reject(err) : resolve(res)),
    );
  });
}

/** One allocation of stable native memory, freed by the caller once the call is over. */
function withNative<T>(
  type: string,
  count: number,
  body: (mem: unknown) => Promise<T>,
): Promise<T> {
  const mem = koffi.alloc(type, Math.max(1, count));
  return body(mem).finally(() => koffi.free(mem));
}

export interface ControlResult {
  status: number;
  data: Uint8Array;
  /** BytesReturned as the library set it (bytes needed when status is ERROR_MORE_DATA). */
  returned: number;
}

/** The function table returned by Startup, decoded for the negotiated version. */
export class EntryPoints {
  readonly version: number;
  private readonly fn: Record<string, KoffiFn>;

  constructor(tablePtr: bigint) {
    const t = resApiTypes();
    const table = koffi.decode(tablePtr, t.CLRES_FUNCTION_TABLE) as {
      Version: number;
      u: Record<'V1Functions' | 'V2Functions', Record<string, Pointer>>;
    };
    this.version = table.Version;
    const v2 = this.version === CLRES_VERSION_V2_00;
    const slots = v2 ? table.u.V2Functions : table.u.V1Functions;
    const protos: Record<string, unknown> = {
      Open: v2 ? t.POPEN_V2_ROUTINE : t.POPEN_ROUTINE,
      Close: t.PCLOSE_ROUTINE,
      Online: v2 ? t.PONLINE_V2_ROUTINE : t.PONLINE_ROUTINE,
      Offline: v2 ? t.POFFLINE_V2_ROUTINE : t.POFFLINE_ROUTINE,
      Terminate: t.PTERMINATE_ROUTINE,
      LooksAlive: t.PLOOKS_ALIVE_ROUTINE,
      IsAlive: t.PIS_ALIVE_ROUTINE,
      ResourceControl: t.PRESOURCE_CONTROL_ROUTINE,
      ResourceTypeControl: t.PRESOURCE_TYPE_CONTROL_ROUTINE,
      ...(v2 ? { Cancel: t.PCANCEL_ROUTINE } : {}),
    };
    this.fn = {};
    for (const [name, proto] of Object.entries(protos)) {
      const ptr = slots[name];
      if (ptr) this.fn[name] = koffi.decode(ptr, proto as never) as KoffiFn;
    }
  }

  has(name: string): boolean {
    return name in this.fn;
  }

  private entry(name: string): KoffiFn {
    const f = this.fn[name];
    if (!f) throw new Error(`the library's function table has no ${name} entry point`);
    return f;
  }

  open(name: string, key: bigint, handle: bigint): Promise<Pointer> {
    const args =
      this.version === CLRES_VERSION_V2_00 ? [name, key, handle, 0] : [name, key, handle];
    return callAsync<Pointer>(this.entry('Open'), ...args);
  }

  close(resid: bigint): Promise<void> {
    return callAsync<void>(this.entry('Close'), resid);
  }

  /** Online; eventHandle is what the library stored in *EventHandle (null if none). */
  online(resid: bigint): Promise<{ status: number; eventHandle: Pointer }> {
    return withNative('void *', 1, async (out) => {
      koffi.encode(out, 'void *', null);
      const v2 = this.version === CLRES_VERSION_V2_00;
      const args = v2 ? [resid, out, 0, null, 0, 0] : [resid, out];
      const status = await callAsync<number>(this.entry('Online'), ...args);
      return { status, eventHandle: koffi.decode(out, 'void *') as Pointer };
    });
  }

  offline(resid: bigint): Promise<number> {
    const args = this.version === CLRES_VERSION_V2_00 ? [resid, null, 0, null, 0, 0] : [resid];
    return callAsync<number>(this.entry('Offline'), ...args);
  }

  terminate(resid: bigint): Promise<void> {
    return callAsync<void>(this.entry('Terminate'), resid);
  }

  async looksAlive(resid: bigint): Promise<boolean> {
    return (await callAsync<number>(this.entry('LooksAlive'), resid)) !== 0;
  }

  async isAlive(resid: bigint): Promise<boolean> {
    return (await callAsync<number>(this.entry('IsAlive'), resid)) !== 0;
  }

  cancel(resid: bigint): Promise<number> {
    return callAsync<number>(this.entry('Cancel'), resid, 0);
  }

  /** ResourceControl (resid) or ResourceTypeControl (type name) with one output buffer
   * (outSize 0 passes a NULL OutBuffer, as a caller asking only for the size does). */
  control(
    target: bigint | string,
    code: number,
    input: Uint8Array,
    outSize: number,
  ): Promise<ControlResult> {
    const name = typeof target === 'string' ? 'ResourceTypeControl' : 'ResourceControl';
    const fn = this.entry(name);
    return withNative('uint8_t', input.length, (inMem) =>
      withNative('uint8_t', outSize, (outMem) =>
        withNative('uint32_t', 1, async (retMem) => {
          if (input.length > 0) new Uint8Array(koffi.view(inMem, input.length)).set(input);
          koffi.encode(retMem, 'uint32_t', 0);
          const inPtr = input.length > 0 ? inMem : null;
          const status = await callAsync<number>(
            fn,
            target,
            code,
            inPtr,
            input.length,
            outSize > 0 ? outMem : null,
            outSize,
            retMem,
          );
          const returned = koffi.decode(retMem, 'uint32_t') as number;
          const n = status === ERROR_SUCCESS ? Math.min(returned, outSize) : 0;
          const data = n > 0 ? new Uint8Array(koffi.view(outMem, n).slice(0)) : new Uint8Array(0);
          return { status, data, returned };
        }),
      ),
    );
  }
}
