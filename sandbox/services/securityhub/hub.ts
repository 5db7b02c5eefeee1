// Security Hub's hub in a region: EnableSecurityHub and DescribeHub, and the check every other Security Hub operation
// makes first. Security Hub answers a call in a region where it is not enabled with InvalidAccessException (HTTP
// 401), and EnableSecurityHub where it already is with ResourceConflictException (409).
import type { DescribeHubRequest, EnableSecurityHubRequest } from '@aws-sdk/client-securityhub';
import { awsError } from '../../errors.ts';
import type { SecurityHubState } from '../../state.ts';
import { emptySecurityServices } from '../../state-security.ts';
import type { HandlerContext, Handlers } from '../types.ts';

/** The standards EnableSecurityHub turns on unless EnableDefaultStandards is false. */
const DEFAULT_STANDARDS = [
  'standards/aws-foundational-security-best-practices/v/1.0.0',
  'ruleset/cis-aws-foundations-benchmark/v/1.2.0',
];

/** The region's Security Hub state (an account saved before these services existed gets an empty one). */
export function securityHubOf(ctx: HandlerContext): SecurityHubState {
  ctx.regional.securityHub ??= emptySecurityServices().securityHub;
  return ctx.regional.securityHub;
}

/** Security Hub's answer where it is not enabled (InvalidAccessException, HTTP 401). */
export function notSubscribed(ctx: HandlerContext) {
  return awsError('InvalidAccessException', `Account ${ctx.accountId} is not subscribed to AWS Security Hub`, {
    status: 401,
  });
}

/** The hub, or InvalidAccessException as Security Hub answers where it is not enabled. */
export function requireHub(ctx: HandlerContext): NonNullable<SecurityHubState['hub']> {
  const hub = securityHubOf(ctx).hub;
  if (!hub) throw notSubscribed(ctx);
  return hub;
}

/** `arn:aws:securityhub:<region>::standards/...` (regional standards) or `arn:aws:securityhub:::ruleset/...` (CIS 1.2.0). */
export function standardsArnOf(region: string, standardsId: string): string {
  return standardsId.startsWith('ruleset/')
    ? `arn:aws:securityhub:::${standardsId}`
    : `arn:aws:securityhub:${region}::${standardsId}`;
}

/** A new PENDING subscription to a standard (`standards/...` or `ruleset/...`). */
export function newSubscription(ctx: HandlerContext, standardsArn: string) {
  const id = standardsArn.replace(/^arn:aws:securityhub:[^:]*::/, '').replace(/^(standards|ruleset)\//, '');
  return {
    StandardsSubscriptionArn: `arn:aws:securityhub:${ctx.region}:${ctx.accountId}:subscription/${id}`,
    StandardsArn: standardsArn,
    StandardsInput: {},
    StandardsStatus: 'PENDING' as const,
    StandardsControlsUpdatable: 'NOT_READY_FOR_UPDATES' as const,
  };
}

function enableSecurityHub(ctx: HandlerContext, input: EnableSecurityHubRequest) {
  const state = securityHubOf(ctx);
  if (state.hub) {
    throw awsError('ResourceConflictException', `Account ${ctx.accountId} is already subscribed to Security Hub`, {
      status: 409,
    });
  }
  state.hub = {
    HubArn: `arn:aws:securityhub:${ctx.region}:${ctx.accountId}:hub/default`,
    SubscribedAt: ctx.now().toISOString(),
    AutoEnableControls: true,
    ControlFindingGenerator: input.ControlFindingGenerator ?? 'SECURITY_CONTROL',
  };
  if (input.EnableDefaultStandards !== false) {
    for (const id of DEFAULT_STANDARDS) state.standards.push(newSubscription(ctx, standardsArnOf(ctx.region, id)));
  }
  return {};
}

function describeHub(ctx: HandlerContext, input: DescribeHubRequest) {
  const hub = requireHub(ctx);
  if (input.HubArn !== undefined && input.HubArn !== hub.HubArn) throw notSubscribed(ctx);
  return hub;
}

export const securityHubHandlers: Handlers = {
  EnableSecurityHub: enableSecurityHub,
  DescribeHub: describeHub,
};
