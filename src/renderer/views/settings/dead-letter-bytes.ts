/** A dead letter's raw bytes as shown: as text when they read as printable UTF-8, otherwise as a hex dump. */
export type ShownBytes = { kind: 'text'; text: string } | { kind: 'hex'; text: string };

/** Control characters other than tab and line breaks: text holding them is not for reading. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `hexdump -C` style: offset, 16 bytes in hex, the printable ASCII beside them. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${at.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return lines.join('\n');
}

/**
 * `cut`: the bytes are the start of a longer payload, so a character split at the end is not a
 * reason to call the whole thing binary.
 */
export function showBytes(bytes: Uint8Array, cut: boolean): ShownBytes {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut });
  } catch {
    return { kind: 'hex', text: hexDump(bytes) };
  }
  return hasControl(text) ? { kind: 'hex', text: hexDump(bytes) } : { kind: 'text', text };
}
