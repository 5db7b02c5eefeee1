// Amazon Inspector account status: BatchGetAccountStatus (the caller's account when no id is given). The account's
// overall state is ENABLED when any scan type is; another account's status is a failedAccounts entry (ACCESS_DENIED),
// as for an account that is not a member of the caller's organization.
import type { BatchGetAccountStatusRequest } from '@aws-sdk/client-inspector2';
import { awsError } from '../../errors.ts';
import type { InspectorState } from '../../state.ts';
import { emptySecurityServices } from '../../state-security.ts';
import type { HandlerContext, Handlers } from '../types.ts';

/** The region's Inspector state (an account saved before these services existed gets one with every scan off). */
export function inspectorOf(ctx: HandlerContext): InspectorState {
  ctx.regional.inspector2 ??= emptySecurityServices().inspector2;
  return ctx.regional.inspector2;
}

function batchGetAccountStatus(ctx: HandlerContext, input: BatchGetAccountStatusRequest) {
  const ids = input.accountIds ?? [ctx.accountId];
  if (ids.length > 10) throw awsError('ValidationException', 'accountIds must contain at most 10 items.');
  const { status } = inspectorOf(ctx);
  const state = (value: string) => ({ status: value });
  const anyEnabled = Object.values(status).includes('ENABLED');
  return {
    accounts: ids
      .filter((id) => id === ctx.accountId)
      .map((accountId) => ({
        accountId,
        state: state(anyEnabled ? 'ENABLED' : 'DISABLED'),
        resourceState: {
          ec2: state(status.ec2),
          ecr: state(status.ecr),
          lambda: state(status.lambda),
          lambdaCode: state(status.lambdaCode),
        },
      })),
    failedAccounts: ids
      .filter((id) => id !== ctx.accountId)
      .map((accountId) => ({
        accountId,
        errorCode: 'ACCESS_DENIED',
        errorMessage: `Account ${accountId} is not a member of the caller's organization`,
      })),
  };
}

export const inspectorAccountHandlers: Handlers = { BatchGetAccountStatus: batchGetAccountStatus };
