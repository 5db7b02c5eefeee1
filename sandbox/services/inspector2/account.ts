// Amazon Inspector account status: BatchGetAccountStatus (the caller's account when no id is given). The account's
// overall state is ENABLED when any scan type is. Inspector's delegated administrator also gets its members' status
// (the organization's other active accounts); any other account is a failedAccounts entry (ACCESS_DENIED), as for an
// account that is not a member of the caller's organization.
import type { BatchGetAccountStatusRequest } from '@aws-sdk/client-inspector2';
import { awsError } from '../../errors.ts';
import type { InspectorState } from '../../state.ts';
import { emptySecurityServices } from '../../state-security.ts';
import { administeredAccounts, memberRegion } from '../organizations/delegated.ts';
import type { HandlerContext, Handlers } from '../types.ts';

/** The region's Inspector state (an account saved before these services existed gets one with every scan off). */
export function inspectorOf(ctx: HandlerContext): InspectorState {
  ctx.regional.inspector2 ??= emptySecurityServices().inspector2;
  return ctx.regional.inspector2;
}

/** The Inspector state of each active member the caller administers in the region (none for anyone else). */
export function memberInspectors(ctx: HandlerContext): { accountId: string; inspector: InspectorState }[] {
  return administeredAccounts(ctx, 'inspector2.amazonaws.com').flatMap((member) => {
    const inspector = memberRegion(member, ctx.region)?.inspector2;
    return inspector ? [{ accountId: member.accountId, inspector }] : [];
  });
}

function accountStatus(accountId: string, { status }: InspectorState) {
  const state = (value: string) => ({ status: value });
  const anyEnabled = Object.values(status).includes('ENABLED');
  return {
    accountId,
    state: state(anyEnabled ? 'ENABLED' : 'DISABLED'),
    resourceState: {
      ec2: state(status.ec2),
      ecr: state(status.ecr),
      lambda: state(status.lambda),
      lambdaCode: state(status.lambdaCode),
    },
  };
}

function batchGetAccountStatus(ctx: HandlerContext, input: BatchGetAccountStatusRequest) {
  const ids = input.accountIds ?? [ctx.accountId];
  if (ids.length > 10) throw awsError('ValidationException', 'accountIds must contain at most 10 items.');
  const visible = new Map([[ctx.accountId, inspectorOf(ctx)]]);
  const off = emptySecurityServices().inspector2;
  for (const member of administeredAccounts(ctx, 'inspector2.amazonaws.com')) {
    if (member.status === 'ACTIVE') visible.set(member.accountId, memberRegion(member, ctx.region)?.inspector2 ?? off);
  }
  return {
    accounts: ids.filter((id) => visible.has(id)).map((id) => accountStatus(id, visible.get(id)!)),
    failedAccounts: ids
      .filter((id) => !visible.has(id))
      .map((accountId) => ({
        accountId,
        errorCode: 'ACCESS_DENIED',
        errorMessage: `Account ${accountId} is not a member of the caller's organization`,
      })),
  };
}

export const inspectorAccountHandlers: Handlers = { BatchGetAccountStatus: batchGetAccountStatus };
