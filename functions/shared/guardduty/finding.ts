// The GuardDuty finding event exactly as EventBridge delivers it to a target: the envelope (version, id,
// detail-type, source, account, time, region, resources) around the finding JSON in camelCase, as GuardDuty's
// GetFindings API returns it. Only the members the playbooks read are modelled; everything else passes through.
// Used by contain-instance (resource.instanceDetails) and revoke-credentials (resource.accessKeyDetails).
import * as z from 'zod';
import { InvalidInputError } from '../errors/errors.ts';
import { formatIssues } from '../handler/handler.ts';

export const GUARDDUTY_SOURCE = 'aws.guardduty';
export const GUARDDUTY_DETAIL_TYPE = 'GuardDuty Finding';

const Tag = z.looseObject({ key: z.string(), value: z.string().optional() });

const SecurityGroupRef = z.looseObject({ groupId: z.string().optional(), groupName: z.string().optional() });

const NetworkInterface = z.looseObject({
  networkInterfaceId: z.string().optional(),
  privateIpAddress: z.string().optional(),
  publicIp: z.string().optional(),
  subnetId: z.string().optional(),
  vpcId: z.string().optional(),
  securityGroups: z.array(SecurityGroupRef).optional(),
});

export const InstanceDetails = z.looseObject({
  instanceId: z.string().min(1),
  instanceType: z.string().optional(),
  instanceState: z.string().optional(),
  availabilityZone: z.string().optional(),
  imageId: z.string().optional(),
  launchTime: z.string().optional(),
  iamInstanceProfile: z.looseObject({ arn: z.string().optional(), id: z.string().optional() }).optional(),
  networkInterfaces: z.array(NetworkInterface).optional(),
  tags: z.array(Tag).optional(),
});
export type InstanceDetails = z.infer<typeof InstanceDetails>;

export const AccessKeyDetails = z.looseObject({
  accessKeyId: z.string().optional(),
  principalId: z.string().optional(),
  userName: z.string().optional(),
  /** IAMUser, AssumedRole, Root, FederatedUser, ... */
  userType: z.string().optional(),
});
export type AccessKeyDetails = z.infer<typeof AccessKeyDetails>;

/**
 * GuardDuty marks generated sample findings with `sample: true` in additionalInfo; in the newer shape the
 * additional info is a JSON string under `value` (with `type: "default"`), so both are accepted.
 */
const AdditionalInfo = z.looseObject({
  sample: z.boolean().optional(),
  value: z.string().optional(),
  type: z.string().optional(),
});

export const Finding = z.looseObject({
  schemaVersion: z.string().optional(),
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  region: z.string().min(1),
  partition: z.string().optional(),
  id: z.string().min(1),
  arn: z.string().optional(),
  type: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  severity: z.number().min(0).max(10),
  createdAt: z.string().optional(),
  updatedAt: z.string().min(1),
  resource: z.looseObject({
    resourceType: z.string().min(1),
    instanceDetails: InstanceDetails.optional(),
    accessKeyDetails: AccessKeyDetails.optional(),
  }),
  service: z
    .looseObject({
      serviceName: z.string().optional(),
      detectorId: z.string().optional(),
      resourceRole: z.string().optional(),
      archived: z.boolean().optional(),
      count: z.number().int().min(0).optional(),
      eventFirstSeen: z.string().optional(),
      eventLastSeen: z.string().optional(),
      additionalInfo: AdditionalInfo.optional(),
      action: z.looseObject({ actionType: z.string().optional() }).optional(),
    })
    .default({}),
});
export type Finding = z.infer<typeof Finding>;

export const GuardDutyFindingEvent = z.looseObject({
  version: z.string(),
  id: z.string().min(1),
  'detail-type': z.literal(GUARDDUTY_DETAIL_TYPE),
  source: z.literal(GUARDDUTY_SOURCE),
  account: z.string(),
  time: z.string(),
  region: z.string().min(1),
  resources: z.array(z.string()).default([]),
  detail: Finding,
});
export type GuardDutyFindingEvent = z.infer<typeof GuardDutyFindingEvent>;

/** True when the input claims to be a GuardDuty finding event (then it must parse, or it is malformed). */
export function looksLikeGuardDutyEvent(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const event = input as Record<string, unknown>;
  return event.source === GUARDDUTY_SOURCE || event['detail-type'] === GUARDDUTY_DETAIL_TYPE || 'detail' in event;
}

/** Parses the event; a malformed one fails with InvalidInputError naming every bad member. */
export function parseGuardDutyFindingEvent(input: unknown): GuardDutyFindingEvent {
  const result = GuardDutyFindingEvent.safeParse(input);
  if (!result.success) {
    throw new InvalidInputError(`malformed GuardDuty finding event: ${formatIssues(result.error, 'event')}`);
  }
  return result.data;
}

/** GuardDuty sample findings (CreateSampleFindings, "Generate sample findings" in the console). */
export function isSampleFinding(finding: Finding): boolean {
  const info = finding.service.additionalInfo;
  if (!info) return false;
  if (info.sample === true) return true;
  if (!info.value) return false;
  try {
    return (JSON.parse(info.value) as { sample?: unknown }).sample === true;
  } catch {
    return false;
  }
}

export type SeverityLabel = 'Critical' | 'High' | 'Medium' | 'Low';

/** GuardDuty's named severity bands: Critical 9.0-10.0, High 7.0-8.9, Medium 4.0-6.9, Low 1.0-3.9. */
export function severityLabel(severity: number): SeverityLabel {
  if (severity >= 9) return 'Critical';
  if (severity >= 7) return 'High';
  if (severity >= 4) return 'Medium';
  return 'Low';
}

/** The runbook's SEV levels per GuardDuty band: Critical pages as SEV1, High as SEV2. */
export function incidentSeverity(severity: number): 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' {
  const label = severityLabel(severity);
  if (label === 'Critical') return 'SEV1';
  if (label === 'High') return 'SEV2';
  return label === 'Medium' ? 'SEV3' : 'SEV4';
}

/** The finding's type family as GuardDuty names it: "Backdoor:EC2/C&CActivity.B" -> "Backdoor:EC2". */
export function findingFamily(type: string): string {
  return type.split('/')[0];
}

/** A finding type match condition, as in the EventBridge rule: a prefix or a wildcard (only `*` is special). */
export type TypeCondition = { prefix: string } | { wildcard: string };

export function matchesTypeCondition(type: string, condition: TypeCondition): boolean {
  if ('prefix' in condition) return type.startsWith(condition.prefix);
  const pattern = condition.wildcard
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(type);
}
