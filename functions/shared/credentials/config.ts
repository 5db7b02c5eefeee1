// revoke-credentials' block under `playbooks.revokeCredentials` in config/*.yml; restore-credentials reads it too
// (the deny policy's name), so it lives with the credentials domain.
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

/** The block with its defaults applied. */
export type RevokeCredentialsSettings = z.output<typeof RevokeCredentials>;
