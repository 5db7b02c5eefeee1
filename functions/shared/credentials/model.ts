// What revoke-credentials and restore-credentials share: the policies they write, the plan the assessment hands
// the state machine, and small pure helpers. No AWS calls here (each function's own files send its commands).
import * as z from 'zod';

export { REVOKE_SESSIONS_POLICY, revokeOlderSessionsPolicy } from './session-policies.ts';

export const REVOKE_PLAYBOOK = 'revoke-credentials';
export const RESTORE_PLAYBOOK = 'restore-credentials';

/** The inline policy name the IAM console's "Revoke active sessions" writes; we write the same, so both agree. */

/** AWS attaches these managed policies itself when it finds a leaked key; autopilot never detaches them. */
export const AWS_QUARANTINE_POLICY = /^arn:aws[\w-]*:iam::aws:policy\/AWSCompromisedKeyQuarantine(V\d+)?$/;

export const LONG_TERM_KEY = /^AKIA[A-Z0-9]{12,124}$/;
export const TEMPORARY_KEY = /^ASIA[A-Z0-9]{12,124}$/;
export const ACCESS_KEY_ID = /^A[KS]IA[A-Z0-9]{12,124}$/;
export const IAM_NAME = /^[\w+=,.@-]{1,128}$/;

export type Mode = 'deactivate' | 'rotate';

/** Deny every action: covers console sign-in sessions and every other credential of the user. */
export function denyAllPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'IdpAutopilotDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }],
  });
}

/** IAM returns policy documents URL-encoded (RFC 3986); raw JSON passes through unchanged. */
export function decodePolicy(document: string | undefined): unknown {
  if (!document) return undefined;
  const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The aws:TokenIssueTime cut-off of an AWSRevokeOlderSessions policy, if the document is one. */
export function revokedBefore(document: string | undefined): string | undefined {
  const policy = decodePolicy(document) as { Statement?: unknown } | undefined;
  const statements = Array.isArray(policy?.Statement) ? policy.Statement : policy?.Statement ? [policy.Statement] : [];
  const times = statements
    .map(
      (statement) => (statement as { Condition?: { DateLessThan?: Record<string, unknown> } }).Condition?.DateLessThan,
    )
    .map((condition) => condition?.['aws:TokenIssueTime'])
    .filter((value): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value)));
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

/** True when the resource carries the exemption tag with "true" or an ISO date still in the future. */
export function isExempt(tags: { Key?: string; Value?: string }[] | undefined, tagKey: string, now: Date): boolean {
  const value = tags?.find((tag) => tag.Key === tagKey)?.Value?.trim();
  if (!value) return false;
  if (value.toLowerCase() === 'true') return true;
  const until = Date.parse(value);
  return !Number.isNaN(until) && until > now.getTime();
}

export function secretNameFor(prefix: string, userName: string): string {
  return `${prefix}${userName}`;
}

/** Tags on the replacement secret: who owns it and which key it replaces (how a retry finds its own work). */
export const SECRET_TAG_OWNER = 'autopilot:owner';
export const SECRET_TAG_REPLACES = 'autopilot:replaces';
export const SECRET_TAG_KEY = 'autopilot:access-key-id';

/** The finding facts the report and the notice show. */
export const FindingFacts = z.object({
  id: z.string(),
  type: z.string(),
  severity: z.number(),
  title: z.string().optional(),
  accountId: z.string(),
  region: z.string(),
  count: z.number().optional(),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  api: z.string().optional(),
  remoteIp: z.string().optional(),
  sample: z.boolean(),
});
export type FindingFacts = z.infer<typeof FindingFacts>;

export const KeyFacts = z.object({
  accessKeyId: z.string(),
  status: z.string(),
  createDate: z.string().optional(),
  /** Created inside the persistence window before the finding. */
  recent: z.boolean(),
});
export type KeyFacts = z.infer<typeof KeyFacts>;

/** Who shares a role whose sessions are revoked: every one of them loses its current sessions. */
export interface RoleFacts {
  arn: string;
  /** Principals its trust policy lets assume it (account roots, roles, users, services, identity providers). */
  trustedPrincipals: string[];
  instanceProfiles: string[];
  /** The cut-off of an AWSRevokeOlderSessions policy already on the role. */
  revokedBefore?: string;
}

/**
 * user-key: a long-term key (AKIA…) to deactivate; user-deny: a user whose temporary credentials or console session
 * were used (only the deny policy reaches them); role-sessions: a role whose older sessions are revoked.
 */
export type PlanKind = 'user-key' | 'user-deny' | 'role-sessions' | 'notify-only';

/** What the assessment hands the state machine; its Choice states read `steps`. */
export interface RevokePlan {
  kind: PlanKind;
  dryRun: boolean;
  mode: Mode;
  /** Why nothing is revoked (notify-only). */
  reason?: string;
  /** notify-only because the finding's account is not one this deployment may act in (reported SEV2). */
  refused?: boolean;
  source: 'finding' | 'manual';
  /** The account this playbook acts in. */
  accountId: string;
  finding?: FindingFacts;
  /** The finding's last activity (null for requests by hand): a session revocation at or after it covers it. */
  lastSeen: string | null;
  userType?: string;
  userName?: string;
  userArn?: string;
  roleName?: string;
  role?: RoleFacts;
  accessKeyId?: string;
  /** The compromised key as it was before this run. */
  key?: KeyFacts;
  /** The user's other keys: listed, never touched. */
  otherKeys: KeyFacts[];
  loginProfile?: { createDate?: string; recent: boolean };
  /** Keys and console passwords created inside the persistence window: possible persistence. */
  persistenceSuspects: string[];
  denyPolicyPresent: boolean;
  awsQuarantinePolicies: string[];
  steps: { deactivateKey: boolean; attachDenyPolicy: boolean; rotate: boolean; revokeSessions: boolean };
  /** The state machine's Wait before deleting a rotated key (0 in a dry run: nothing to wait for). */
  graceSeconds: number;
  /** The key was already rotated and deleted by an earlier run (a late repeat of the finding). */
  alreadyRotated?: boolean;
}

/** What every step acting on one IAM user receives from the assessment. */
export const UserStepInput = z.object({
  userName: z.string().min(1),
  userArn: z.string().startsWith('arn:'),
  dryRun: z.boolean().default(false),
  /** The account the user is in (a member account is acted in through its member role). */
  accountId: z.string().optional(),
});

/** What every step acting on one access key of that user receives. */
export const KeyStepInput = UserStepInput.extend({ accessKeyId: z.string().min(16) });
