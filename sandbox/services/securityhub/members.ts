// Security Hub's administrator and its members: the organization's delegated administrator for Security Hub
// (organization.delegatedAdministrators) has every other organization account as a member, auto-enabled as the
// organization configuration does; a member is `Enabled` in a region where its Security Hub is on, `Created` where it
// is off, `AccountSuspended` when the organization suspended it. ListMembers (MaxResults 1-50, NextToken) lists them;
// OnlyAssociated (default true) keeps the Enabled ones. Anyone else has no members. The administrator's GetFindings
// shows its Enabled members' findings too (findings.ts).
import type { ListMembersRequest } from '@aws-sdk/client-securityhub';
import { awsError } from '../../errors.ts';
import type { SecurityHubState } from '../../state.ts';
import { administeredAccounts, memberRegion } from '../organizations/delegated.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireHub } from './hub.ts';

const SERVICE = 'securityhub.amazonaws.com';

/** One member of the caller's Security Hub in the call's region, with its status. */
interface MemberOfHub {
  accountId: string;
  email: string;
  status: 'Enabled' | 'Created' | 'AccountSuspended';
  hub?: SecurityHubState;
}

function membersOf(ctx: HandlerContext): MemberOfHub[] {
  return administeredAccounts(ctx, SERVICE).map((member) => {
    const hub = memberRegion(member, ctx.region)?.securityHub;
    const status = member.status !== 'ACTIVE' ? 'AccountSuspended' : hub?.hub ? 'Enabled' : 'Created';
    return { accountId: member.accountId, email: member.email, status, ...(hub?.hub ? { hub } : {}) };
  });
}

/** The Security Hubs of the caller's Enabled members in the region (none unless the caller is the administrator). */
export function memberHubs(ctx: HandlerContext): { accountId: string; hub: SecurityHubState }[] {
  return membersOf(ctx).flatMap((member) =>
    member.status === 'Enabled' && member.hub ? [{ accountId: member.accountId, hub: member.hub }] : [],
  );
}

function listMembers(ctx: HandlerContext, input: ListMembersRequest) {
  const hub = requireHub(ctx);
  const pageSize = input.MaxResults ?? 50;
  if (pageSize < 1 || pageSize > 50) throw awsError('InvalidInputException', 'MaxResults must be between 1 and 50.');
  const members = membersOf(ctx).filter((member) => input.OnlyAssociated === false || member.status === 'Enabled');
  const page = paginate(members, (member) => member.accountId, {
    token: input.NextToken,
    pageSize,
    invalidToken: () => awsError('InvalidInputException', 'The NextToken provided is invalid.'),
  });
  return {
    Members: page.items.map((member) => ({
      AccountId: member.accountId,
      Email: member.email,
      AdministratorId: ctx.accountId,
      MasterId: ctx.accountId,
      MemberStatus: member.status,
      UpdatedAt: hub.SubscribedAt,
    })),
    NextToken: page.nextToken,
  };
}

export const securityHubMemberHandlers: Handlers = { ListMembers: listMembers };
