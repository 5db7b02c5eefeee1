// Which version of a key goes back, from its versions and the restore time (delete markers honoured).
import { describe, expect, it } from 'vitest';
import { decide } from '../../functions/point-in-time-restore/objects-plan/versions.ts';

const v = (
  versionId: string,
  lastModified: string,
  extra: { deleteMarker?: boolean; isLatest?: boolean; etag?: string } = {},
) => ({
  versionId,
  lastModified,
  deleteMarker: extra.deleteMarker ?? false,
  isLatest: extra.isLatest ?? false,
  etag: extra.etag ?? `"${versionId}"`,
});
const AT = '2026-06-01T12:00:00.000Z';

describe('the version current at the restore time', () => {
  it('restores the version of then over a later overwrite', () => {
    expect(
      decide('k', [v('new', '2026-06-01T13:00:00.000Z', { isLatest: true }), v('old', '2026-06-01T10:00:00.000Z')], AT),
    ).toMatchObject({ action: 'restore', versionId: 'old' });
  });

  it('restores an object deleted since (its newest entry a delete marker)', () => {
    const decision = decide(
      'k',
      [
        v('m', '2026-06-01T13:00:00.000Z', { deleteMarker: true, isLatest: true }),
        v('old', '2026-06-01T10:00:00.000Z'),
      ],
      AT,
    );
    expect(decision).toMatchObject({ action: 'restore', versionId: 'old', currentVersionId: 'deleted' });
  });

  it('calls an object that did not exist then, or was deleted then, newer', () => {
    expect(decide('k', [v('new', '2026-06-01T13:00:00.000Z', { isLatest: true })], AT).action).toBe('newer');
    const recreated = [
      v('again', '2026-06-01T13:00:00.000Z', { isLatest: true }),
      v('m', '2026-06-01T11:00:00.000Z', { deleteMarker: true }),
      v('first', '2026-06-01T09:00:00.000Z'),
    ];
    expect(decide('k', recreated, AT).action).toBe('newer');
  });

  it('leaves an unchanged object, and a copy an earlier (retried) restore made of the same version', () => {
    expect(decide('k', [v('same', '2026-06-01T10:00:00.000Z', { isLatest: true })], AT).action).toBe('unchanged');
    const copied = [
      v('copy', '2026-06-01T14:00:00.000Z', { isLatest: true, etag: '"abc"' }),
      v('bad', '2026-06-01T13:00:00.000Z'),
      v('old', '2026-06-01T10:00:00.000Z', { etag: '"abc"' }),
    ];
    expect(decide('k', copied, AT).action).toBe('unchanged');
  });
});
