// Security Hub standards subscriptions: GetEnabledStandards and BatchEnableStandards. A newly enabled standard is
// PENDING; the next GetEnabledStandards that shows it PENDING also completes it (READY on the read after), as a
// poller would see it. A standard's checks produce findings only later: enabling adds no finding here.
import type { BatchEnableStandardsRequest, GetEnabledStandardsRequest } from '@aws-sdk/client-securityhub';
import { awsError } from '../../errors.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { newSubscription, requireHub, securityHubOf, standardsArnOf } from './hub.ts';

/** The standards Security Hub offers (DescribeStandards), by id; their ARNs depend on the region. */
const AVAILABLE_STANDARDS = [
  'standards/aws-foundational-security-best-practices/v/1.0.0',
  'ruleset/cis-aws-foundations-benchmark/v/1.2.0',
  'standards/cis-aws-foundations-benchmark/v/1.4.0',
  'standards/cis-aws-foundations-benchmark/v/3.0.0',
  'standards/cis-aws-foundations-benchmark/v/5.0.0',
  'standards/nist-800-53/v/5.0.0',
  'standards/pci-dss/v/3.2.1',
  'standards/pci-dss/v/4.0.1',
];

const invalidInput = (message: string) => awsError('InvalidInputException', message);

function getEnabledStandards(ctx: HandlerContext, input: GetEnabledStandardsRequest) {
  requireHub(ctx);
  const state = securityHubOf(ctx);
  const pageSize = input.MaxResults ?? 100;
  if (pageSize < 1 || pageSize > 100) throw invalidInput('MaxResults must be between 1 and 100.');
  const wanted = input.StandardsSubscriptionArns;
  if (wanted !== undefined && (wanted.length < 1 || wanted.length > 25))
    throw invalidInput('StandardsSubscriptionArns must contain between 1 and 25 items.');
  const selected = state.standards.filter((s) => !wanted || wanted.includes(s.StandardsSubscriptionArn));
  const page = paginate(selected, (s) => s.StandardsSubscriptionArn, {
    token: input.NextToken,
    pageSize,
    invalidToken: () => invalidInput('The NextToken provided is invalid.'),
  });
  const shown = page.items.map((s) => ({ ...s }));
  for (const subscription of page.items) {
    if (subscription.StandardsStatus !== 'PENDING') continue;
    subscription.StandardsStatus = 'READY';
    subscription.StandardsControlsUpdatable = 'READY_FOR_UPDATES';
  }
  return { StandardsSubscriptions: shown, NextToken: page.nextToken };
}

function batchEnableStandards(ctx: HandlerContext, input: BatchEnableStandardsRequest) {
  requireHub(ctx);
  const state = securityHubOf(ctx);
  const requests = input.StandardsSubscriptionRequests ?? [];
  if (requests.length < 1 || requests.length > 25)
    throw invalidInput('StandardsSubscriptionRequests must contain between 1 and 25 items.');
  const known = AVAILABLE_STANDARDS.map((id) => standardsArnOf(ctx.region, id));
  const unknown = requests.find((request) => !known.includes(request.StandardsArn ?? ''));
  if (unknown) throw invalidInput(`Invalid StandardsArn: ${unknown.StandardsArn}`);
  const subscriptions = requests.map((request) => {
    const existing = state.standards.find((s) => s.StandardsArn === request.StandardsArn);
    if (existing) return { ...existing };
    const created = newSubscription(ctx, request.StandardsArn ?? '');
    state.standards.push(created);
    return { ...created };
  });
  return { StandardsSubscriptions: subscriptions };
}

export const securityHubStandardsHandlers: Handlers = {
  GetEnabledStandards: getEnabledStandards,
  BatchEnableStandards: batchEnableStandards,
};
