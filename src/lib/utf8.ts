/** Byte length of a string in UTF-8, the unit the platforms' limits are stated in. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts text to at most maxBytes of UTF-8 without splitting a character (or a surrogate pair). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = utf8Bytes(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * Splits text into chunks of at most maxBytes of UTF-8, preferring line breaks,
 * never splitting a character. A single over-long line is cut between characters.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new Error('maxBytes must hold at least one character');
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current !== '') chunks.push(current);
    current = '';
  };
  for (const line of text.split(/(?<=\n)/)) {
    if (utf8Bytes(current + line) <= maxBytes) {
      current += line;
      continue;
    }
    flush();
    let rest = line;
    while (utf8Bytes(rest) > maxBytes) {
      const head = truncateUtf8(rest, maxBytes);
      chunks.push(head);
      rest = rest.slice(head.length);
    }
    current = rest;
  }
  flush();
  return chunks.map((c) => c.replace(/\n+$/, '')).filter((c) => c !== '');
}
