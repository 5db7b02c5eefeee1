// Config blocks of the security playbooks (one per playbook).
import * as z from 'zod';

const IAM_FAMILY_PREFIX = /^[A-Za-z]+:IAMUser\/$/;

export const RevokeCredentials = z.strictObject({
  /** GuardDuty findings at or above this severity start revoke-credentials (Low 1-3.9, Medium 4-6.9, High 7-8.9, Critical 9+). */
  minSeverity: z.number().min(1).max(10).default(4),
  /** Finding types that start it: EventBridge prefix matchers on detail.type, one per IAMUser family. */
  findingTypes: z
    .array(
      z.strictObject({ prefix: z.string().regex(IAM_FAMILY_PREFIX, 'a finding family such as "Impact:IAMUser/"') }),
    )
    .min(1)
    .default(
      [
        'UnauthorizedAccess',
        'CredentialAccess',
        'Exfiltration',
        'Persistence',
        'PrivilegeEscalation',
        'Impact',
        'InitialAccess',
        'Discovery',
      ].map((family) => ({ prefix: `${family}:IAMUser/` })),
    ),
  /** What a run does with a long-term key when its input names no mode: deactivate it, or rotate it. */
  mode: z.enum(['deactivate', 'rotate']).default('deactivate'),
  /** Also attach the inline deny-all policy to the user (blocks its console password and every other credential). */
  attachDenyPolicy: z.boolean().default(true),
  /** Name of that inline policy; restore-credentials removes exactly this one. */
  denyPolicyName: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, 'an IAM policy name')
    .default('idp-autopilot-deny-all'),
  /** rotate: seconds between creating the replacement key and deleting the compromised one (never immediately). */
  rotateGraceSeconds: z
    .number()
    .int()
    .min(300)
    .max(30 * 86_400)
    .default(86_400),
  /** rotate: the replacement key is stored in Secrets Manager as <prefix><userName>. */
  replacementSecretPrefix: z
    .string()
    .regex(/^[\w/+=.@-]{1,200}\/$/, 'a secret name prefix ending in /')
    .default('idp-autopilot-access-keys/'),
  /** Keys and console passwords created within this many hours of the finding's activity are listed as possible persistence. */
  persistenceWindowHours: z.number().int().min(1).max(720).default(72),
});

const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

export const ContainInstance = z.strictObject({
  /** GuardDuty findings at or above this severity start contain-instance (Low 1-3.9, Medium 4-6.9, High 7-8.9, Critical 9+). */
  minSeverity: z.number().min(1).max(10).default(7),
  /** Finding types that start it: EventBridge matchers on detail.type, a prefix per family or a wildcard. */
  findingTypes: z
    .array(
      z.union([
        z.strictObject({
          prefix: z.string().regex(/^[A-Za-z]+:[A-Za-z0-9]+\/$/, 'a finding family such as "Backdoor:EC2/"'),
        }),
        z.strictObject({ wildcard: z.string().min(3) }),
      ]),
    )
    .min(1)
    .default([
      ...['Backdoor', 'CryptoCurrency', 'Trojan', 'UnauthorizedAccess', 'Impact', 'Execution'].map((family) => ({
        prefix: `${family}:EC2/`,
      })),
      { wildcard: '*:Runtime/*' },
    ]),
  /** Instances never contained, in addition to those tagged with exemptionTag. */
  exemptInstanceIds: z
    .array(z.string().regex(INSTANCE_ID, 'an EC2 instance id such as i-0abc12345def67890'))
    .default([]),
  /** Instances carrying one of these tags (any value when value is omitted) are critical. */
  criticalTags: z.array(z.strictObject({ key: z.string().min(1), value: z.string().optional() })).default([]),
  /** Blast-radius conditions that make a run wait for a human approval before it touches the instance. */
  requireApprovalWhen: z
    .strictObject({
      /** The instance is the last healthy target of one of its target groups. */
      lastHealthyTarget: z.boolean().default(true),
      /** Detaching it leaves its Auto Scaling group with fewer InService instances than MinSize. */
      belowAsgMinimum: z.boolean().default(true),
      /** It carries one of criticalTags. */
      critical: z.boolean().default(true),
    })
    .prefault({}),
  /** Contain at once even when a blast-radius condition holds (the conditions are still reported). */
  proceedWithoutApproval: z.boolean().default(false),
  /** How long an approval request stays open; after that the run fails and pages, the instance uncontained. */
  approvalTimeoutSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(3600),
  /** Security group with no rules that isolates the instance; created in each VPC where it is missing. */
  isolationGroupName: z
    .string()
    .regex(/^[\w .:/()#,@[\]+=&;{}!$*-]{1,255}$/, 'a security group name')
    .default('idp-autopilot-isolation'),
  /** Allow-all group applied first so tracked connections become untracked; created where missing. */
  untrackGroupName: z
    .string()
    .regex(/^[\w .:/()#,@[\]+=&;{}!$*-]{1,255}$/, 'a security group name')
    .default('idp-autopilot-untrack'),
  /** Instance profile whose role denies everything; it replaces the instance's profile. */
  quarantineInstanceProfile: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, 'an instance profile name')
    .default('idp-autopilot-quarantine'),
  /** Also revoke every session of the instance's role issued before containment (hits every instance using the role). */
  revokeRoleSessions: z.boolean().default(false),
});

export const ReleaseInstance = z.strictObject({
  /** How long a release waits for its approval before it fails, changing nothing. */
  approvalTimeoutSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
});
