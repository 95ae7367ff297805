/** The pure parts of the Windows build: objdump parsing, the PE rules, the .rc text. */
import { describe, expect, it } from 'vitest';
import { parsePeTables, peProblems } from '../../generator/index.js';
import { exportsDef, versionResource, versionWords } from '../../generator/index.js';

const OBJDUMP = `
Magic\t\t\t020b\t(PE32+)
The Import Tables (interpreted .idata section contents)
\tDLL Name: KERNEL32.dll
\tDLL Name: msvcrt.dll
\tDLL Name: CLUSAPI.dll

[Ordinal/Name Pointer] Table
\t[   0] Startup
\t[   1] StartupEx

The Function Table (interpreted .pdata section contents)
`;

describe('PE tables', () => {
  it('reads exports, imports and the PE32+ magic from objdump -p', () => {
    expect(parsePeTables(OBJDUMP)).toEqual({
      exports: ['Startup', 'StartupEx'],
      imports: ['KERNEL32.dll', 'msvcrt.dll', 'CLUSAPI.dll'],
      pe32plus: true,
    });
    expect(peProblems(parsePeTables(OBJDUMP))).toEqual([]);
  });

  it('names an extra export, a missing Startup, a foreign import and a 32-bit image', () => {
    const bad = OBJDUMP.replace('[   0] Startup\n', '[   0] ck_bind_host_services\n')
      .replace('CLUSAPI.dll', 'libwinpthread-1.dll')
      .replace('020b', '010b');
    const problems = peProblems(parsePeTables(bad)).join('\n');
    expect(problems).toMatch(/unexpected export "ck_bind_host_services"/);
    expect(problems).toMatch(/Startup is not exported/);
    expect(problems).toMatch(/unexpected import DLL "libwinpthread-1.dll"/);
    expect(problems).toMatch(/not a 64-bit/);
  });
});

describe('version resource', () => {
  it('turns semver into four WORDs and refuses what does not fit', () => {
    expect(versionWords('1.2.3')).toEqual([1, 2, 3, 0]);
    expect(versionWords('1.2.3.4')).toEqual([1, 2, 3, 4]);
    expect(versionWords('2.0.0-beta.1')).toEqual([2, 0, 0, 0]);
    expect(() => versionWords('1.2')).toThrow(/major.minor.patch/);
    expect(() => versionWords('1.70000.0')).toThrow(/above 65535/);
  });

  it('writes FILEVERSION, quoted strings and refuses control characters', () => {
    const rc = versionResource({
      typeName: 'Say "Hi"',
      typeId: 'SayHi',
      version: '1.4.2',
      kitVersion: '0.1.0',
    });
    expect(rc).toContain('FILEVERSION 1,4,2,0');
    expect(rc).toContain('PRODUCTVERSION 0,1,0,0');
    expect(rc).toContain('VALUE "ProductName", "Say ""Hi"""');
    expect(rc).toContain('VALUE "OriginalFilename", "SayHi.dll"');
    expect(() =>
      versionResource({ typeName: 'a\nb', typeId: 'Ab', version: '1.0.0', kitVersion: '0.1.0' }),
    ).toThrow(/control character/);
  });

  it('exports Startup and StartupEx only in the .def file', () => {
    expect(exportsDef('EchoServer')).toBe(
      'LIBRARY EchoServer\nEXPORTS\n    Startup\n    StartupEx\n',
    );
  });
});
