import { randomFillSync } from 'node:crypto';

/**
 * A UUIDv7 generator (RFC 9562): 48 bits of Unix milliseconds, the version, a 12-bit counter in
 * rand_a (the RFC's "fixed bit-length dedicated counter", method 1), the variant and 62 random
 * bits. PostgreSQL compares uuids byte by byte, so ids from one process sort in the order they
 * were made: a later call never returns a smaller id, also within one millisecond or when the
 * wall clock steps back (then the last millisecond is kept and only the counter moves).
 * The clock is a parameter for the tests; the app uses the one `uuidv7` below.
 */
export function uuidv7Generator(nowMs: () => number = Date.now): () => string {
  let lastMs = -1;
  let counter = 0;
  const bytes = Buffer.alloc(16);
  return () => {
    randomFillSync(bytes, 6);
    const now = Math.floor(nowMs());
    if (now > lastMs) {
      lastMs = now;
      // A random start hides how many ids a millisecond had; starting in the lower half leaves
      // at least 2048 more before the counter runs out.
      counter = ((bytes[6]! << 8) | bytes[7]!) & 0x7ff;
    } else if (counter < 0xfff) {
      counter++;
    } else {
      // Out of counter: borrow the next millisecond rather than wrap to a smaller id.
      lastMs++;
      counter = 0;
    }
    bytes.writeUIntBE(lastMs, 0, 6);
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const h = bytes.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

export const uuidv7 = uuidv7Generator();
