import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUSCTL_RESOURCE_GET_CHARACTERISTICS,
  CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS,
  CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO,
  PropertiesRejectedError,
  ResourceMonitor,
  StartupError,
  userControlCode,
} from '../../src/dev/harness/index.js';
import { buildInTemp, echoRoundTrip, fixture, freePort, type BuiltType } from './helpers.js';

describe('properties, controls and Startup through the real library', () => {
  let built: BuiltType;
  const dbDir = mkdtempSync(join(tmpdir(), 'ck-e2e-db-'));

  beforeAll(async () => {
    built = await buildInTemp(fixture('h-poll-echo.ts'));
  });

  afterAll(() => {
    built?.cleanup();
    rmSync(dbDir, { recursive: true, force: true });
  });

  const load = (extra: object = {}) =>
    ResourceMonitor.load({ library: built.library, type: built.typeName, ...extra });

  it('refuses a property the library rejects: the resource is closed and the error quotes the library log', async () => {
    const monitor = await load({ schema: built.schema });
    try {
      const err = await monitor.createResource('Bad', { Port: 70000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PropertiesRejectedError);
      expect((err as PropertiesRejectedError).win32).toBe(87);
      expect((err as PropertiesRejectedError).logs.join('\n')).toMatch(/Port/);
      expect(monitor.resource('Bad')).toBeUndefined();
      // The name is free again: the failed create closed the instance.
      const ok = await monitor.createResource('Bad', { Port: 7001 });
      expect((await ok.getProperties()).Port).toBe(7001);
    } finally {
      await monitor.close();
    }
  });

  it('stores properties set while online for the next Online (ERROR_RESOURCE_PROPERTIES_STORED)', async () => {
    const monitor = await load(); // no schema: kinds come from GET_PRIVATE_PROPERTY_FMTS
    try {
      const [p1, p2] = [await freePort(), await freePort()];
      const res = await monitor.createResource('Live', { Port: p1 });
      await res.online();
      expect(await res.setProperties({ Port: p2 })).toEqual({ stored: true });
      expect((await res.getProperties()).Port).toBe(p2);
      await res.offline();
      await res.online();
      expect(await echoRoundTrip(p2, 'moved\n')).toBe('moved\n');
      await res.offline();
    } finally {
      await monitor.close();
    }
  });

  it('routes custom control codes to the handler and answers unknown ones with ERROR_INVALID_FUNCTION', async () => {
    const monitor = await load({ schema: built.schema });
    try {
      const res = await monitor.createResource('Ctl');
      const r = await res.control(userControlCode(1), new Uint8Array([1, 2, 3]));
      expect(r.status).toBe(0);
      expect([...r.data]).toEqual([3, 2, 1]);
      expect((await res.control(userControlCode(9), new Uint8Array([1]))).status).toBe(1);
      const ch = await res.control(CLUSCTL_RESOURCE_GET_CHARACTERISTICS);
      expect(ch).toMatchObject({ status: 0, returned: 4 });
      // ResourceTypeControl goes to the type with the same answer (the schema's characteristics).
      const tch = await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS);
      expect(tch).toMatchObject({ status: 0, returned: 4 });
      expect([...tch.data]).toEqual([...ch.data]);
      const cls = await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO);
      expect(new DataView(cls.data.buffer).getUint32(0, true)).toBe(built.schema.resourceClass);
    } finally {
      await monitor.close();
    }
  });

  it('keeps properties in a database file across monitors', async () => {
    const file = join(dbDir, 'cluster.json');
    const first = await load({ database: { file } });
    await first.createResource('Kept', { Port: 7123 });
    await first.close();
    const second = await load({ database: { file } });
    try {
      const res = await second.createResource('KEPT');
      expect((await res.getProperties()).Port).toBe(7123);
    } finally {
      await second.close();
    }
  });

  it('drives a V1 function table when only V1 is offered', async () => {
    const monitor = await load({ versions: { min: 0x100, max: 0x100 } });
    try {
      expect(monitor.entry.version).toBe(0x100);
      const port = await freePort();
      const res = await monitor.createResource('V1', { Port: port });
      await res.online();
      expect(await echoRoundTrip(port, 'v1\n')).toBe('v1\n');
      await res.offline();
    } finally {
      await monitor.close();
    }
  });

  it('reports a Startup refusal (wrong type name) with its Win32 code and frees the library for the next monitor', async () => {
    const err = await load({ type: 'NotThisType' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).win32).toBe(5080);
    const monitor = await load();
    await monitor.close();
  });
});
