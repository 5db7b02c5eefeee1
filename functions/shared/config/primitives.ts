// Building blocks of the config schema shared by several blocks: regions, secret references, schedules, severities.
import * as z from 'zod';

export const awsRegion = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region code such as us-east-1');

/** Secrets are references to SSM SecureString parameters or Secrets Manager secrets, never plain values. */
export const SecretRef = z
  .strictObject({
    // The functions' roles may read only under these prefixes (functions/shared/playbook/iam.ts).
    ssmParameter: z
      .string()
      .regex(/^\/idp-autopilot\/[\w.\-/]+$/, 'an SSM parameter name under /idp-autopilot/')
      .optional(),
    secretId: z
      .string()
      .regex(/^idp-autopilot\/[\w.\-/+=@]+$/, 'a Secrets Manager secret name under idp-autopilot/')
      .optional(),
  })
  .refine((ref) => Boolean(ref.ssmParameter) !== Boolean(ref.secretId), {
    message: 'exactly one of ssmParameter or secretId (the secret itself never goes in config)',
  });
export type SecretRef = z.infer<typeof SecretRef>;

export const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone such as Europe/Berlin or UTC' },
);

const cron = z
  .string()
  .regex(/^cron\((\S+\s){5}\S+\)$/, 'cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 2 * * ? *)');

/** An EventBridge Scheduler cron expression (six fields) in a time zone. */
export const Schedule = z.strictObject({
  enabled: z.boolean().default(true),
  cron,
  timezone: timeZone.default('UTC'),
});
export type Schedule = z.infer<typeof Schedule>;

/**
 * A playbook's schedule with its default cron: a stage may override any key alone (say, only the time zone). A
 * schedule a stage must opt into (a maintenance window) is `enabledByDefault: false`.
 */
export function scheduleWithDefault(defaultCron: string, enabledByDefault = true) {
  return z
    .strictObject({
      enabled: z.boolean().default(enabledByDefault),
      cron: cron.default(defaultCron),
      timezone: timeZone.default('UTC'),
    })
    .prefault({});
}

export const Severity = z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
export type Severity = z.infer<typeof Severity>;
