// Temporary proof for the seed split: the estate files under sandbox/seed/estate/ build exactly the state the single
// sandbox/seed/estate.yaml built. The fixtures are JSON.stringify(seedState(clock), null, 1) made by the builder of
// commit ac099ab (before the split); this test and its fixtures go once the split is in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seedState } from '../../sandbox/seed.ts';

const fixture = (day: string) =>
  gunzipSync(readFileSync(join(import.meta.dirname, 'fixtures', `seed-before-${day}.json.gz`))).toString('utf8');

describe('the split seed', () => {
  it.each([
    ['2025-06-15', '2025-06-15T12:00:00.000Z'],
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
  ])('builds, at %s, the state the single estate.yaml built (same JSON, key order included)', (day, clock) => {
    const expected = fixture(day);
    const built = JSON.stringify(seedState(new Date(clock)), null, 1);
    expect(JSON.parse(built)).toEqual(JSON.parse(expected));
    expect(built === expected).toBe(true);
  });
});
