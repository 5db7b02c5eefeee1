// contain-instance's block under `playbooks.containInstance` in config/*.yml; release-instance reads it too (the
// isolation and untrack group names), so it lives with the instance domain.

import * as z from 'zod';
import type { ConfigOf } from '../config/config.ts';

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

/** The block with its defaults applied. */
export type ContainInstanceSettings = z.output<typeof ContainInstance>;

/** What contain-instance's gate reads of the config. */
export type ContainConfig = ConfigOf<{ containInstance: typeof ContainInstance }>;
