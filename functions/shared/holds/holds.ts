// What one playbook holds for a case (forensic snapshots, an Elastic IP it disassociated, its isolation groups, a
// quarantined user's replacement key) carries the hold marker, and every destructive playbook honours it as a
// protection with its reason until the holder lets go (release-instance re-associates the address and removes the
// marker; evidence stays held until a human closes the investigation and removes it). One rule, in one place.

/** The marker: `autopilot:hold` = the holder (`<playbook>/<case id>`), `autopilot:hold-purpose` = why. */
export const HOLD_TAG = 'autopilot:hold';
export const HOLD_PURPOSE_TAG = 'autopilot:hold-purpose';

type Tags = { Key?: string; Value?: string }[] | undefined;

export interface Hold {
  /** Who holds it: `contain-instance/case-0123456789abcdef`. */
  holder: string;
  purpose?: string;
}

const tagValue = (tags: Tags, key: string) => tags?.find((tag) => tag.Key === key)?.Value;

/** The tags that put a hold on a resource, as EC2 CreateTags / TagSpecifications take them. */
export function holdTags(holder: string, purpose: string): { Key: string; Value: string }[] {
  return [
    { Key: HOLD_TAG, Value: holder },
    { Key: HOLD_PURPOSE_TAG, Value: purpose.slice(0, 256) },
  ];
}

/** The holder of a case: `<playbook>/<caseId>`. */
export const holderOf = (playbook: string, caseId: string) => `${playbook}/${caseId}`;

/**
 * The hold a resource's tags carry, if any. Forensic snapshots taken before the marker existed carry
 * `autopilot:purpose=forensics` and `autopilot:case`: they are held too.
 */
export function holdOf(tags: Tags): Hold | undefined {
  const holder = tagValue(tags, HOLD_TAG);
  if (holder !== undefined) return { holder, purpose: tagValue(tags, HOLD_PURPOSE_TAG) };
  const caseId = tagValue(tags, 'autopilot:case');
  if (tagValue(tags, 'autopilot:purpose') === 'forensics' && caseId) {
    return { holder: holderOf('contain-instance', caseId), purpose: 'forensic snapshot' };
  }
  return undefined;
}

/** The protection every destructive playbook applies: `held by <holder> (<purpose>)`, or undefined. */
export function holdProtection(tags: Tags): { reason: 'held'; detail: string } | undefined {
  const hold = holdOf(tags);
  if (!hold) return undefined;
  return { reason: 'held', detail: `held by ${hold.holder}${hold.purpose ? ` (${hold.purpose})` : ''}` };
}
