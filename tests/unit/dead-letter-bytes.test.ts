import { describe, expect, it } from 'vitest';
import { base64Bytes, hexDump, showBytes } from '../../src/renderer/views/settings/dead-letter-bytes';

const bytes = (s: string | number[]): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : Uint8Array.from(s));

describe('how a dead letter shows its raw bytes', () => {
  it('shows printable UTF-8 as text, line breaks and tabs included', () => {
    expect(showBytes(bytes('{"value": "21 °C"}\n\tok'), false)).toEqual({ kind: 'text', text: '{"value": "21 °C"}\n\tok' });
  });

  it('shows bytes that are not UTF-8, or hold control characters, in hex', () => {
    const protobuf = showBytes(bytes([0x08, 0x96, 0x01, 0x12, 0x04, 0x74, 0x65, 0x73, 0x74]), false);
    expect(protobuf.kind).toBe('hex');
    expect(protobuf.text).toBe('00000000  08 96 01 12 04 74 65 73 74                       |.....test|');
    expect(showBytes(bytes('a\u0000b'), false).kind).toBe('hex');
    expect(showBytes(bytes([0xff, 0xfe]), false).kind).toBe('hex');
  });

  it('keeps text whose last character was cut in two when the payload was cut', () => {
    // "temp" and the first of the two bytes of "é".
    const cut = bytes('température').subarray(0, 5);
    expect(showBytes(cut, true)).toEqual({ kind: 'text', text: 'temp' });
    expect(showBytes(cut, false).kind).toBe('hex');
  });

  it('dumps 16 bytes a line with offsets', () => {
    const dump = hexDump(Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i));
    expect(dump.split('\n')).toEqual([
      '00000000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|',
      '00000010  51 52 53 54                                      |QRST|',
    ]);
  });

  it('reads base64 back into the bytes', () => {
    expect(Array.from(base64Bytes(Buffer.from([0, 255, 10]).toString('base64')))).toEqual([0, 255, 10]);
  });
});
