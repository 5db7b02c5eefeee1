// What every contain-instance / release-instance step knows about the case it works on, and the names it
// leaves behind in the account (tags on the instance, objects in the reports bucket).
import { createHash } from 'node:crypto';
import * as z from 'zod';

export const CONTAIN_PLAYBOOK = 'contain-instance';
export const RELEASE_PLAYBOOK = 'release-instance';

/** Tags autopilot sets on a contained instance; `autopilot:case` equal to the case id means "done already". */
export const TAG = {
  case: 'autopilot:case',
  state: 'autopilot:case-state',
  finding: 'autopilot:finding',
  containedAt: 'autopilot:contained-at',
  /** On forensic snapshots: the instance they were taken of. */
  instance: 'autopilot:instance',
} as const;

/** The case's state as the `autopilot:case-state` tag records it. */
/** `failed`: a run changed the instance and then failed; the next trigger finishes the job under this case. */
export type CaseState = 'contained' | 'rejected' | 'failed' | 'released';

export const FindingRef = z.object({
  id: z.string(),
  type: z.string(),
  severity: z.number(),
  title: z.string().optional(),
  updatedAt: z.string(),
  count: z.number().optional(),
  arn: z.string().optional(),
});
export type FindingRef = z.infer<typeof FindingRef>;

/** The case every step after the gate receives (the gate's `case`). */
export const CaseInfo = z.object({
  caseId: z.string().regex(/^case-[0-9a-f]{16}$/),
  instanceId: z.string(),
  region: z.string(),
  source: z.enum(['guardduty', 'manual']),
  /** The account the instance is in (a member account is acted in through its member role); default home. */
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  /** The GuardDuty finding (guardduty source only). */
  finding: FindingRef.optional(),
  /** Why: the finding's title, or the hand-written reason. */
  reason: z.string(),
  severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
  dryRun: z.boolean(),
});
export type CaseInfo = z.infer<typeof CaseInfo>;

/**
 * Deterministic, so repeated and updated findings (same finding id) and EventBridge redeliveries land on the
 * same case. By hand: the instance and the reason, so the same request twice is the same case.
 */
export function caseIdOf(
  instanceId: string,
  findingId: string | undefined,
  manualReason?: string,
  memberAccountId?: string,
): string {
  // An instance id names an instance only within its account: a member account's case includes the account.
  const where = memberAccountId ? `${memberAccountId}:${instanceId}` : instanceId;
  const basis = findingId ? `guardduty:${findingId}:${where}` : `manual:${where}:${manualReason ?? ''}`;
  return `case-${createHash('sha256').update(basis).digest('hex').slice(0, 16)}`;
}

/** Reports-bucket keys of a case (outside reports/, so the reports lifecycle rule never expires evidence). */
export const keys = {
  evidence: (caseId: string) => `cases/${caseId}/evidence.json`,
  finding: (caseId: string, findingId: string) => `cases/${caseId}/findings/${findingId}.json`,
  notice: (caseId: string, kind: string) => `cases/${caseId}/notices/${kind}.json`,
  /** One object per instance while a case holds it: the atomic guard against concurrent runs. */
  claim: (region: string, instanceId: string, memberAccountId?: string) =>
    `cases/claims/${memberAccountId ? `${memberAccountId}/` : ''}${region}/${instanceId}.json`,
};

export const releaseHint = (instanceId: string, caseId: string) =>
  `autopilot run release-instance --input '{"instanceId":"${instanceId}","caseId":"${caseId}","reason":"..."}'`;
