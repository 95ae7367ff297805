import {
  CLUSPROP_FORMAT_DWORD,
  CLUSPROP_FORMAT_EXPAND_SZ,
  CLUSPROP_FORMAT_EXPANDED_SZ,
  CLUSPROP_FORMAT_LARGE_INTEGER,
  CLUSPROP_FORMAT_LONG,
  CLUSPROP_FORMAT_MULTI_SZ,
  CLUSPROP_FORMAT_SZ,
  CLUSPROP_FORMAT_ULARGE_INTEGER,
  formatName,
  syntaxFormat,
} from './syntax.js';
import { unitAt } from './utf16.js';

/**
 * The structural rules for one value's data (docs/protocol.md, "Shared test
 * vectors"), shared by the decoder and the encoder. Returns what is wrong, or
 * null when the data is well formed for its syntax.
 */
export function valueDataFault(syntax: number, data: Uint8Array): string | null {
  const format = syntaxFormat(syntax);
  const name = formatName(format);
  switch (format) {
    case CLUSPROP_FORMAT_DWORD:
    case CLUSPROP_FORMAT_LONG:
      return data.length === 4 ? null : `${name} value must be 4 bytes, not ${data.length}`;
    case CLUSPROP_FORMAT_ULARGE_INTEGER:
    case CLUSPROP_FORMAT_LARGE_INTEGER:
      return data.length === 8 ? null : `${name} value must be 8 bytes, not ${data.length}`;
    case CLUSPROP_FORMAT_SZ:
    case CLUSPROP_FORMAT_EXPAND_SZ:
    case CLUSPROP_FORMAT_EXPANDED_SZ:
      return stringFault(name, data, 1);
    case CLUSPROP_FORMAT_MULTI_SZ:
      return stringFault(name, data, 2);
    default:
      return null;
  }
}

/** A UTF-16 string value: even length, ending with `nuls` NUL code units. */
function stringFault(name: string, data: Uint8Array, nuls: number): string | null {
  if (data.length % 2 !== 0) return `${name} value has odd length ${data.length}`;
  if (data.length < nuls * 2) {
    return nuls === 1
      ? `${name} value lacks its terminating NUL`
      : `${name} value lacks its final double NUL`;
  }
  for (let i = 1; i <= nuls; i++) {
    if (unitAt(data, data.length - i * 2) !== 0) {
      return nuls === 1
        ? `${name} value lacks its terminating NUL`
        : `${name} value lacks its final double NUL`;
    }
  }
  return null;
}
