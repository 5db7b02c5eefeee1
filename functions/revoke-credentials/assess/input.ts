// Turns what started revoke-credentials (a GuardDuty finding event, or a hand-written request from the console or
// `autopilot run`) into one request: whose credentials, which key, which mode. Shape errors fail here, before
// anything is read or changed, with the field named.
import * as z from 'zod';
import {
  ACCESS_KEY_ID,
  type FindingFacts,
  IAM_NAME,
  LONG_TERM_KEY,
  type Mode,
  TEMPORARY_KEY,
} from '../../shared/credentials/model.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import {
  isSampleFinding,
  looksLikeGuardDutyEvent,
  parseGuardDutyFindingEvent,
} from '../../shared/guardduty/finding.ts';
import { formatIssues } from '../../shared/handler/handler.ts';
import { apiCallOf } from './finding.ts';

// Every key a request by hand may carry, checked here with messages naming the field (and the rules across fields).
const ManualFields = z.strictObject({
  userName: z.string().regex(IAM_NAME, 'an IAM user name').optional(),
  roleName: z.string().regex(IAM_NAME, 'an IAM role name').optional(),
  accessKeyId: z.string().regex(ACCESS_KEY_ID, 'an access key id (AKIA… or ASIA…)').optional(),
  mode: z.enum(['deactivate', 'rotate']).optional(),
  dryRun: z.boolean().default(false),
});

/** A request by hand: exactly one of a user (and optionally its key and the mode) or a role. */
export const ManualRequest = z.union([
  z.strictObject({
    userName: z.string().regex(IAM_NAME, 'an IAM user name'),
    accessKeyId: z.string().regex(ACCESS_KEY_ID, 'an access key id (AKIA… or ASIA…)').optional(),
    mode: z.enum(['deactivate', 'rotate']).optional(),
    dryRun: z.boolean().default(false),
  }),
  z.strictObject({
    roleName: z.string().regex(IAM_NAME, 'an IAM role name'),
    accessKeyId: z.string().regex(TEMPORARY_KEY, 'a temporary access key id (ASIA…)').optional(),
    dryRun: z.boolean().default(false),
  }),
]);

export type Principal =
  | { userType: 'IAMUser'; userName: string; accessKeyId?: string }
  | { userType: 'AssumedRole'; roleName: string; accessKeyId?: string }
  | { userType: 'Root' }
  | { userType: 'Other'; actualType: string; name?: string };

export interface RevokeRequest {
  source: 'finding' | 'manual';
  dryRun: boolean;
  mode: Mode;
  principal: Principal;
  finding?: FindingFacts;
}

function invalid(message: string): never {
  throw new InvalidInputError(message);
}

function checkMode(mode: Mode, accessKeyId: string | undefined): Mode {
  if (mode === 'rotate' && !(accessKeyId && LONG_TERM_KEY.test(accessKeyId))) {
    invalid('input.mode: rotate needs a long-term access key (AKIA…) in accessKeyId');
  }
  return mode;
}

function fromManual(raw: unknown, defaultMode: Mode): RevokeRequest {
  const parsed = ManualFields.safeParse(raw);
  if (!parsed.success) invalid(formatIssues(parsed.error));
  const { userName, roleName, accessKeyId, dryRun } = parsed.data;
  if (Boolean(userName) === Boolean(roleName)) {
    invalid(
      'input: name exactly one of userName (an IAM user) or roleName (an IAM role), or pass a GuardDuty finding event',
    );
  }
  if (roleName && accessKeyId && !TEMPORARY_KEY.test(accessKeyId)) {
    invalid(`input.accessKeyId: ${accessKeyId} is a long-term key; roles only have temporary keys (ASIA…)`);
  }
  const longTerm = accessKeyId !== undefined && LONG_TERM_KEY.test(accessKeyId);
  const mode = checkMode(parsed.data.mode ?? (userName && longTerm ? defaultMode : 'deactivate'), accessKeyId);
  const principal: Principal = userName
    ? { userType: 'IAMUser', userName, accessKeyId }
    : { userType: 'AssumedRole', roleName: roleName as string, accessKeyId };
  return { source: 'manual', dryRun, mode, principal };
}

function fromEvent(raw: Record<string, unknown>, defaultMode: Mode): RevokeRequest {
  const { detail } = parseGuardDutyFindingEvent(raw);
  const service = detail.service;
  const sample = isSampleFinding(detail);
  const finding: FindingFacts = {
    id: detail.id,
    type: detail.type,
    severity: detail.severity,
    title: detail.title,
    accountId: detail.accountId,
    region: detail.region,
    count: service.count,
    firstSeen: service.eventFirstSeen ?? detail.createdAt ?? detail.updatedAt,
    lastSeen: service.eventLastSeen ?? detail.updatedAt,
    ...apiCallOf(service),
    sample,
  };
  const details = detail.resource.accessKeyDetails;
  if (detail.resource.resourceType !== 'AccessKey' || !details) {
    invalid(`event.detail.resource: ${detail.type} is about a ${detail.resource.resourceType}, not an AccessKey`);
  }
  const dryRun = raw.dryRun === true;
  const requested = z.enum(['deactivate', 'rotate']).optional().safeParse(raw.mode);
  if (!requested.success) invalid(formatIssues(requested.error, 'input.mode'));
  const userType = details.userType ?? '';
  const accessKeyId = details.accessKeyId;
  if (sample) {
    // GuardDuty's generated samples name placeholder principals: report them, never look them up.
    return {
      source: 'finding',
      dryRun,
      mode: 'deactivate',
      finding,
      principal: { userType: 'Other', actualType: userType, name: details.userName },
    };
  }
  if (userType === 'Root')
    return { source: 'finding', dryRun, mode: 'deactivate', finding, principal: { userType: 'Root' } };
  if (userType !== 'IAMUser' && userType !== 'AssumedRole') {
    const principal: Principal = { userType: 'Other', actualType: userType || 'unknown', name: details.userName };
    return { source: 'finding', dryRun, mode: 'deactivate', finding, principal };
  }
  if (!details.userName || !IAM_NAME.test(details.userName)) {
    invalid(
      `event.detail.resource.accessKeyDetails.userName: missing or not an IAM name (${details.userName ?? 'absent'})`,
    );
  }
  if (accessKeyId !== undefined && !ACCESS_KEY_ID.test(accessKeyId)) {
    invalid(`event.detail.resource.accessKeyDetails.accessKeyId: ${accessKeyId} is not an access key id`);
  }
  if (userType === 'AssumedRole') {
    if (accessKeyId && !TEMPORARY_KEY.test(accessKeyId)) {
      invalid(`event.detail.resource.accessKeyDetails: an AssumedRole with a long-term key ${accessKeyId}`);
    }
    return {
      source: 'finding',
      dryRun,
      mode: 'deactivate',
      finding,
      principal: { userType: 'AssumedRole', roleName: details.userName, accessKeyId },
    };
  }
  // The configured default mode applies where it can (a long-term key); a mode asked for explicitly must fit.
  const mode = requested.data ?? (accessKeyId && LONG_TERM_KEY.test(accessKeyId) ? defaultMode : 'deactivate');
  return {
    source: 'finding',
    dryRun,
    mode: checkMode(mode, accessKeyId),
    finding,
    principal: { userType: 'IAMUser', userName: details.userName, accessKeyId },
  };
}

export function parseRevokeInput(raw: unknown, defaultMode: Mode): RevokeRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) invalid('input: must be a JSON object');
  const record = raw as Record<string, unknown>;
  return looksLikeGuardDutyEvent(record) ? fromEvent(record, defaultMode) : fromManual(record, defaultMode);
}

// The execution input is either a GuardDuty finding event or a hand-written request. This schema only shows the
// two shapes (`autopilot list`) and keeps every member; input.ts validates them with messages naming the field.
export const RevokeExecutionInput = z.union([
  z.looseObject({
    'detail-type': z.literal('GuardDuty Finding'),
    detail: z.looseObject({}),
    dryRun: z.boolean().optional(),
  }),
  z.looseObject({
    userName: z.string().optional(),
    roleName: z.string().optional(),
    accessKeyId: z.string().optional(),
    mode: z.string().optional(),
    dryRun: z.boolean().optional(),
  }),
]);
