// The organization services' administrator view: an account registered as a service's delegated administrator
// (organization.delegatedAdministrators) sees its members' data beside its own, as Security Hub's GetFindings and
// Inspector's ListFindings show members' findings (each with its AwsAccountId / awsAccountId) to the administrator.
// The members are the organization's other accounts; their data stays in their own state (what they hold).
import type { AccountState, RegionState } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

/** One member account as the administrator sees it. */
export interface AdministeredAccount {
  accountId: string;
  email: string;
  /** The organization's account status (ACTIVE, SUSPENDED). */
  status: string;
  /** Its own state; undefined for an account the sandbox has no estate of. */
  view?: AccountState;
}

/** Whether the caller is the delegated administrator of `servicePrincipal` (e.g. `securityhub.amazonaws.com`). */
export function isDelegatedAdministrator(ctx: HandlerContext, servicePrincipal: string): boolean {
  return ctx.account.state.organization?.delegatedAdministrators?.[servicePrincipal] === ctx.accountId;
}

/** The organization's other accounts when the caller administers `servicePrincipal`; none otherwise. */
export function administeredAccounts(ctx: HandlerContext, servicePrincipal: string): AdministeredAccount[] {
  const organization = ctx.account.state.organization;
  if (!organization || !isDelegatedAdministrator(ctx, servicePrincipal)) return [];
  return organization.accounts
    .filter((account) => account.Id !== ctx.accountId)
    .map((account) => ({
      accountId: account.Id,
      email: account.Email,
      status: account.Status,
      view: ctx.account.accountView(account.Id),
    }));
}

/** A member's region as it holds it (never created by reading: an untouched region holds nothing). */
export const memberRegion = (member: AdministeredAccount, region: string): RegionState | undefined =>
  member.status === 'ACTIVE' ? member.view?.regions[region] : undefined;
