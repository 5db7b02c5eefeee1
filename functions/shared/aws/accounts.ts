// Acting in a member account: its member role is assumed (STS AssumeRole from the home account, the role session
// named after the execution so the member account's CloudTrail ties every call to the run), the credentials kept
// per account for the invocation and refreshed before they expire. They are never logged. The home account acts
// with the function's own role. The sandbox and --live go through the same code.
import { AssumeRoleCommand, type Credentials, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { AutopilotError } from '../errors/errors.ts';

/** A member account's role could not be assumed (missing, not trusting us, external ID wrong, account closed). */
export class MemberAccessError extends AutopilotError {}

/** Who this invocation is and how it reaches member accounts (set by the handler wrapper per invocation). */
export interface AccountAccess {
  homeAccountId: string;
  memberRoleName: string;
  /** The execution's name: the role session name (CloudTrail in the member account shows it). */
  sessionName: string;
  /** The external ID the member role requires, resolved on first use. */
  externalId?: () => Promise<string | undefined>;
  /** The STS client of the home account (home credentials). */
  sts: () => STSClient;
}

let access: AccountAccess | undefined;
const sessions = new Map<string, Promise<Credentials>>();

/** Sets (or clears) how this invocation reaches member accounts; credentials of another execution are dropped. */
export function setAccountAccess(next: AccountAccess | undefined): void {
  if (next?.sessionName !== access?.sessionName || next?.memberRoleName !== access?.memberRoleName) sessions.clear();
  access = next;
}

/** The account an invocation acts in when a client names none. */
export const homeAccountId = (): string | undefined => access?.homeAccountId;

/** True when `account` is another account than the home one (its clients assume the member role). */
export const isMemberAccount = (account: string | undefined): account is string =>
  Boolean(account && access && account !== access.homeAccountId);

export const memberRoleArn = (account: string, roleName: string) => `arn:aws:iam::${account}:role/${roleName}`;

/** RoleSessionName allows [\w+=,.@-], 2 to 64 characters. */
const sessionNameOf = (name: string) =>
  name
    .replace(/[^\w+=,.@-]/g, '-')
    .slice(0, 64)
    .padEnd(2, '-');

const REFRESH_BEFORE_MS = 5 * 60_000;

async function assume(account: string, now: () => number): Promise<Credentials> {
  if (!access) throw new MemberAccessError(`account ${account}: no account access set up for this invocation`);
  const { memberRoleName, sessionName, externalId, sts } = access;
  const RoleArn = memberRoleArn(account, memberRoleName);
  try {
    const { Credentials: credentials } = await sts().send(
      new AssumeRoleCommand({
        RoleArn,
        RoleSessionName: sessionNameOf(sessionName),
        ExternalId: externalId ? await externalId() : undefined,
        DurationSeconds: 3600,
      }),
    );
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error('STS returned no credentials');
    if (credentials.Expiration && credentials.Expiration.getTime() - now() < 0) throw new Error('expired credentials');
    return credentials;
  } catch (error) {
    throw new MemberAccessError(
      `cannot act in account ${account}: assuming ${RoleArn} failed (${(error as Error).name}: ${(error as Error).message})`,
      { cause: error },
    );
  }
}

/**
 * The credentials provider of clients acting in `account`: one AssumeRole per account per invocation, reused until
 * 5 minutes before they expire. @throws MemberAccessError when the role cannot be assumed.
 */
export function memberCredentials(account: string, now: () => number = Date.now) {
  return async (): Promise<AwsCredentialIdentity> => {
    let pending = sessions.get(account);
    const current = pending && (await pending.catch(() => undefined));
    if (!current || (current.Expiration && current.Expiration.getTime() - now() < REFRESH_BEFORE_MS)) {
      pending = assume(account, now);
      sessions.set(account, pending);
      // A failed assumption is not kept: the next call tries again.
      pending.catch(() => sessions.delete(account));
    }
    const credentials = await pending!;
    return {
      accessKeyId: credentials.AccessKeyId!,
      secretAccessKey: credentials.SecretAccessKey!,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
  };
}

/** How many AssumeRole calls this process made, per account (the bench reports one per account per run). */
export function openSessions(): string[] {
  return [...sessions.keys()];
}
