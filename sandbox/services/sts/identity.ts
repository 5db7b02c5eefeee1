// STS GetCallerIdentity: the sandbox caller is the autopilot's operator role session (what a Lambda would see).
import type { HandlerContext, Handlers } from '../types.ts';
import { assumeRoleHandlers } from './assume-role.ts';

export const SANDBOX_ROLE = 'idp-autopilot-sandbox-operator';

function getCallerIdentity(ctx: HandlerContext) {
  return {
    UserId: `AROASANDBOXOPERATOR0001:${ctx.caller.arn.split('/').at(-1)}`,
    Account: ctx.caller.accountId,
    Arn: ctx.caller.arn,
  };
}

export const identityHandlers: Handlers = {
  GetCallerIdentity: getCallerIdentity,
  ...assumeRoleHandlers,
};
