// STS GetCallerIdentity: the sandbox caller is the autopilot's operator role session (what a Lambda would see).
import type { HandlerContext, Handlers } from '../types.ts';

export const SANDBOX_ROLE = 'idp-autopilot-sandbox-operator';

function getCallerIdentity(ctx: HandlerContext) {
  return {
    UserId: 'AROASANDBOXOPERATOR0001:autopilot-sandbox',
    Account: ctx.accountId,
    Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${SANDBOX_ROLE}/autopilot-sandbox`,
  };
}

export const identityHandlers: Handlers = {
  GetCallerIdentity: getCallerIdentity,
};
