// Deterministic ids and randomness: the same seed and the same calls give the same ids and the same injected faults,
// so sandbox runs (and their reports) are reproducible.

const MASK64 = (1n << 64n) - 1n;

/** splitmix64: a bijection on 64-bit integers, so distinct counters give distinct ids. */
function mix64(value: bigint): bigint {
  let z = (value + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** `length` hex digits derived from the counter; the first 16 are unique per counter value. */
export function hexFromCounter(counter: number, length: number): string {
  let hex = '';
  for (let round = 0n; hex.length < length; round++) {
    hex += mix64(BigInt(counter) + (round << 48n))
      .toString(16)
      .padStart(16, '0');
  }
  return hex.slice(0, length);
}

/** UUID-shaped (8-4-4-4-12) id from a counter, e.g. EventBridge EventIds, SNS MessageIds, request ids. */
export function uuidFromCounter(counter: number): string {
  const h = hexFromCounter(counter, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** mulberry32: a small seeded PRNG for probabilistic faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
