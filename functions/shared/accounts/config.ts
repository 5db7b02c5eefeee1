// The `accounts` block of the stage config: which AWS accounts one deployment acts in besides its own (the home
// account, implicit), and how it reaches them (a member role each account deploys from the generated template).
import * as z from 'zod';
import { awsRegion, SecretRef } from '../config/primitives.ts';

const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');

/** One member account listed by hand. */
const MemberAccount = z.strictObject({
  id: accountId,
  /** Shown in reports and messages (prod, staging, shared-services...). */
  name: z
    .string()
    .regex(/^[\w .:/-]{1,64}$/, 'a short name')
    .optional(),
  /** Regions the playbooks act in there; default the stage's regions. */
  regions: z.array(awsRegion).min(1).optional(),
  /** Listed (findings from it are recognised) but never acted on: reports say it is exempt. */
  exempt: z.boolean().default(false),
});
export type MemberAccount = z.infer<typeof MemberAccount>;

export const Accounts = z
  .strictObject({
    /** Member accounts listed by hand. */
    members: z.array(MemberAccount).default([]),
    /** Member accounts resolved at run time from AWS Organizations: the active accounts under these OUs. */
    organization: z
      .strictObject({
        ouIds: z
          .array(z.string().regex(/^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/, 'an OU or root id'))
          .min(1),
        /** Accounts under those OUs never acted on. */
        exclude: z.array(accountId).default([]),
      })
      .optional(),
    /** The role each member account deploys (npm run package writes its template) and autopilot assumes. */
    memberRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, 'an IAM role name')
      .default('idp-autopilot-member'),
    /** An external ID the member role requires, as a secret reference (never the value). */
    externalId: SecretRef.optional(),
    /** The account whose Cost Explorer cost-report reads (the organization's management account); default home. */
    managementAccountId: accountId.optional(),
  })
  .prefault({});
export type Accounts = z.infer<typeof Accounts>;
