// Which accounts a run acts in: the home account, the members config lists, and the active accounts under the
// configured organizational units (AWS Organizations, asked from the home account: the management account or a
// delegated administrator). Exempt accounts are listed, never acted on.
import {
  ListAccountsForParentCommand,
  ListChildrenCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { GlobalConfig } from '../config/config.ts';
import { isActive, type TargetAccount } from './target-account.ts';

export type { AccountVerdict, TargetAccount } from './target-account.ts';

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
