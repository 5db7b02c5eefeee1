// Which accounts a run acts in: the home account, the members config lists, and the active accounts under the
// configured organizational units (AWS Organizations, asked from the home account: the management account or a
// delegated administrator). Exempt accounts are listed, never acted on.
import {
  DescribeAccountCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListParentsCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { GlobalConfig } from '../config/config.ts';

/** One account a run may act in. */
export interface TargetAccount {
  id: string;
  name: string;
  /** Regions the playbooks act in there. */
  regions: string[];
  home: boolean;
  /** Listed but never acted on (reports say so). */
  exempt: boolean;
}

/** How an event's account relates to this deployment. */
export type AccountVerdict =
  | { kind: 'act'; account: TargetAccount }
  | { kind: 'exempt'; account: TargetAccount }
  | { kind: 'unknown'; accountId: string };

const isActive = (account: { Status?: string; State?: string }) =>
  (account.State ?? account.Status ?? 'ACTIVE') === 'ACTIVE';

async function accountsUnder(org: OrganizationsClient, parentId: string): Promise<{ id: string; name: string }[]> {
  const found: { id: string; name: string }[] = [];
  let NextToken: string | undefined;
  do {
    const page = await org.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken }));
    for (const account of page.Accounts ?? []) {
      if (account.Id && isActive(account)) found.push({ id: account.Id, name: account.Name ?? account.Id });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  let ChildToken: string | undefined;
  do {
    const children = await org.send(
      new ListChildrenCommand({ ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT', NextToken: ChildToken }),
    );
    for (const child of children.Children ?? []) if (child.Id) found.push(...(await accountsUnder(org, child.Id)));
    ChildToken = children.NextToken;
  } while (ChildToken);
  return found;
}

/**
 * Every account of the stage: home first, then the listed members, then the organization's (paginated
 * ListAccountsForParent / ListChildren under each OU, active accounts only, `exclude` left out), each once.
 * `org` is needed only when config names an organization. Throws what Organizations throws.
 */
export async function resolveAccounts(
  config: GlobalConfig,
  homeAccountId: string,
  org?: () => OrganizationsClient,
): Promise<TargetAccount[]> {
  const accounts = new Map<string, TargetAccount>();
  accounts.set(homeAccountId, { id: homeAccountId, name: 'home', regions: config.regions, home: true, exempt: false });
  for (const member of config.accounts.members) {
    if (accounts.has(member.id)) continue;
    accounts.set(member.id, {
      id: member.id,
      name: member.name ?? member.id,
      regions: member.regions ?? config.regions,
      home: false,
      exempt: member.exempt,
    });
  }
  const organization = config.accounts.organization;
  if (organization && org) {
    for (const ouId of organization.ouIds) {
      for (const found of await accountsUnder(org(), ouId)) {
        if (accounts.has(found.id) || organization.exclude.includes(found.id)) continue;
        accounts.set(found.id, { id: found.id, name: found.name, regions: config.regions, home: false, exempt: false });
      }
    }
  }
  return [...accounts.values()];
}

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
