// Which configured standards are on in a region (Security Hub GetEnabledStandards, paginated). Security Hub off in
// the region answers InvalidAccessException: that is a finding of the run (reported with how to enable it), not a
// failure of the step.
import { GetEnabledStandardsCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { StandardState } from './readings.ts';

/**
 * The standard's ARN in a region: `arn:aws:securityhub:<region>::standards/...`; the CIS v1.2.0 ruleset's ARN
 * carries no region (`arn:aws:securityhub:::ruleset/...`).
 */
export function standardsArn(region: string, id: string): string {
  return id.startsWith('ruleset/') ? `arn:aws:securityhub:::${id}` : `arn:aws:securityhub:${region}::${id}`;
}

/**
 * The state of each configured standard (ids) in the region, NOT_ENABLED where there is no subscription;
 * `undefined` when Security Hub itself is not enabled there. Other errors are thrown.
 */
export async function standardStates(
  client: SecurityHubClient,
  region: string,
  ids: string[],
): Promise<StandardState[] | undefined> {
  const subscriptions: {
    StandardsArn?: string;
    StandardsStatus?: string;
    StandardsStatusReason?: { StatusReasonCode?: string };
  }[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await client.send(new GetEnabledStandardsCommand({ NextToken, MaxResults: 100 }));
      subscriptions.push(...(page.StandardsSubscriptions ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    if ((error as Error).name === 'InvalidAccessException') return undefined;
    throw error;
  }
  return ids.map((id) => {
    const arn = standardsArn(region, id);
    const subscription = subscriptions.find((s) => s.StandardsArn === arn);
    if (!subscription) return { id, arn, status: 'NOT_ENABLED' };
    const reason = subscription.StandardsStatusReason?.StatusReasonCode;
    return { id, arn, status: subscription.StandardsStatus as StandardState['status'], ...(reason ? { reason } : {}) };
  });
}

/** Standards whose findings can be read: READY, or INCOMPLETE (some controls failed to enable, the rest report). */
export const readableStandards = (states: StandardState[]) =>
  states.filter((s) => s.status === 'READY' || s.status === 'INCOMPLETE').map((s) => s.id);
