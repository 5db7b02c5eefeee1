// Whether an event's account is one this deployment acts in: home, a configured member, or an active account under
// a configured organizational unit (asked with ListParents/DescribeAccount, never by listing the organization).
import { DescribeAccountCommand, ListParentsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { GlobalConfig } from '../config/config.ts';
import { type AccountVerdict, isActive, type TargetAccount } from './target-account.ts';

/** Whether `accountId` sits (directly or below) under one of `ouIds` and is active (ListParents, DescribeAccount). */
async function inOrganizationUnits(
  org: OrganizationsClient,
  accountId: string,
  ouIds: string[],
): Promise<string | undefined> {
  let child = accountId;
  for (let depth = 0; depth < 6; depth++) {
    const parent = (await org.send(new ListParentsCommand({ ChildId: child }))).Parents?.[0];
    if (!parent?.Id || parent.Type === 'ROOT')
      return ouIds.includes(parent?.Id ?? '') ? (parent?.Id ?? undefined) : undefined;
    if (ouIds.includes(parent.Id)) {
      const { Account } = await org.send(new DescribeAccountCommand({ AccountId: accountId }));
      return Account && isActive(Account) ? (Account.Name ?? accountId) : undefined;
    }
    child = parent.Id;
  }
  return undefined;
}

/**
 * What to do with an event from `accountId`: act (home or a configured member), exempt (listed, never acted on), or
 * unknown (refuse and report). An organization member is looked up with ListParents/DescribeAccount.
 */
export async function judgeAccount(
  config: GlobalConfig,
  homeAccountId: string,
  accountId: string,
  org?: () => OrganizationsClient,
): Promise<AccountVerdict> {
  if (accountId === homeAccountId) {
    return {
      kind: 'act',
      account: { id: accountId, name: 'home', regions: config.regions, home: true, exempt: false },
    };
  }
  const member = config.accounts.members.find((candidate) => candidate.id === accountId);
  if (member) {
    const account: TargetAccount = {
      id: member.id,
      name: member.name ?? member.id,
      regions: member.regions ?? config.regions,
      home: false,
      exempt: member.exempt,
    };
    return member.exempt ? { kind: 'exempt', account } : { kind: 'act', account };
  }
  const organization = config.accounts.organization;
  if (organization && org && !organization.exclude.includes(accountId)) {
    const name = await inOrganizationUnits(org(), accountId, organization.ouIds);
    if (name) {
      return { kind: 'act', account: { id: accountId, name, regions: config.regions, home: false, exempt: false } };
    }
  }
  return { kind: 'unknown', accountId };
}
