// contain-instance starts from a GuardDuty finding event (as EventBridge delivers it) or by hand from the console
// or `autopilot run` with {"instanceId": "i-...", "reason": "...", "dryRun": false}. Both become one CaseInfo, or
// a reason not to act (sample findings, findings the trigger would not have matched).
import * as z from 'zod';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import {
  findingFamily,
  incidentSeverity,
  isSampleFinding,
  looksLikeGuardDutyEvent,
  matchesTypeCondition,
  parseGuardDutyFindingEvent,
} from '../../shared/guardduty/finding.ts';
import { formatIssues } from '../../shared/handler/handler.ts';
import { type CaseInfo, caseIdOf } from '../../shared/instance/case.ts';
import type { ContainConfig } from '../../shared/instance/config.ts';

const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

export const ManualInput = z.strictObject({
  instanceId: z.string().regex(INSTANCE_ID, 'an EC2 instance id such as i-0abc12345def67890'),
  reason: z.string().trim().min(3, 'say why (it goes into the case, the tags and the notification)').max(500),
  dryRun: z.boolean().default(false),
  /** The instance's region; default the first configured region. */
  region: z.string().optional(),
  /** The instance's account (a configured member account); default the home account. */
  accountId: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional(),
  /** Only for a re-run that must join an existing case. */
  caseId: z
    .string()
    .regex(/^case-[0-9a-f]{16}$/)
    .optional(),
  /** The severity of the notification (default SEV2). */
  severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']).default('SEV2'),
});

export type ParsedInput =
  | { kind: 'case'; case: CaseInfo }
  | { kind: 'sample'; case: CaseInfo }
  | { kind: 'not-matched'; case: CaseInfo; why: string }
  /** Not acted on, and said so (SEV2): a finding about an account this playbook does not act in. */
  | { kind: 'refused'; case: CaseInfo; why: string };

type Settings = ContainConfig['playbooks']['containInstance'];

function checkRegion(region: string, config: ContainConfig): string {
  if (!config.regions.includes(region)) {
    throw new InvalidInputError(`region ${region} is not configured (configured: ${config.regions.join(', ')})`);
  }
  return region;
}

function fromFinding(raw: Record<string, unknown>, config: ContainConfig, homeAccountId: string): ParsedInput {
  const event = parseGuardDutyFindingEvent(raw);
  const finding = event.detail;
  const settings: Settings = config.playbooks.containInstance;
  const details = finding.resource.instanceDetails;
  const dryRun = raw.dryRun === true;
  const instanceId = details?.instanceId ?? '(none)';
  // The gate judges the finding's account (home, a configured member, or refused) before reading anything.
  const memberAccountId = finding.accountId !== homeAccountId ? finding.accountId : undefined;
  const base: CaseInfo = {
    caseId: caseIdOf(instanceId, finding.id, undefined, memberAccountId),
    instanceId,
    region: finding.region,
    source: 'guardduty',
    ...(memberAccountId ? { accountId: memberAccountId } : {}),
    finding: {
      id: finding.id,
      type: finding.type,
      severity: finding.severity,
      title: finding.title,
      updatedAt: finding.updatedAt,
      count: finding.service.count,
      arn: finding.arn,
    },
    reason: finding.title ?? finding.type,
    severity: incidentSeverity(finding.severity),
    dryRun,
  };
  // A sample finding names a made-up instance (i-99999999): notify, touch nothing, read nothing.
  if (isSampleFinding(finding)) return { kind: 'sample', case: base };
  if (finding.resource.resourceType !== 'Instance' || !details) {
    return {
      kind: 'not-matched',
      case: base,
      why: `resource type ${finding.resource.resourceType}, not an EC2 instance`,
    };
  }
  if (!INSTANCE_ID.test(details.instanceId)) {
    throw new InvalidInputError(
      `malformed GuardDuty finding event: instance id "${details.instanceId}" is not an EC2 instance id`,
    );
  }
  if (finding.severity < settings.minSeverity) {
    return { kind: 'not-matched', case: base, why: `severity ${finding.severity} below ${settings.minSeverity}` };
  }
  if (!settings.findingTypes.some((condition) => matchesTypeCondition(finding.type, condition))) {
    return { kind: 'not-matched', case: base, why: `finding family ${findingFamily(finding.type)} not configured` };
  }
  if (finding.service.archived) return { kind: 'not-matched', case: base, why: 'the finding is archived' };
  checkRegion(finding.region, config);
  return { kind: 'case', case: base };
}

/** Parses the execution input; a malformed one fails with InvalidInputError saying what is wrong. */
export function parseContainInput(
  raw: Record<string, unknown>,
  config: ContainConfig,
  homeAccountId: string,
): ParsedInput {
  if (looksLikeGuardDutyEvent(raw)) return fromFinding(raw, config, homeAccountId);
  const parsed = ManualInput.safeParse(raw);
  if (!parsed.success) {
    throw new InvalidInputError(
      `expected a GuardDuty finding event or {"instanceId": "i-...", "reason": "...", "dryRun": false}: ${formatIssues(parsed.error)}`,
    );
  }
  const input = parsed.data;
  const region = checkRegion(input.region ?? config.regions[0], config);
  const memberAccountId = input.accountId && input.accountId !== homeAccountId ? input.accountId : undefined;
  return {
    kind: 'case',
    case: {
      caseId: input.caseId ?? caseIdOf(input.instanceId, undefined, input.reason, memberAccountId),
      instanceId: input.instanceId,
      region,
      source: 'manual',
      ...(memberAccountId ? { accountId: memberAccountId } : {}),
      reason: input.reason,
      severity: input.severity,
      dryRun: input.dryRun,
    },
  };
}
