// Which account's Cost Explorer the cost report reads: the organization's management account sees the costs of
// every linked account (consolidated billing), a member account only its own. `accounts.managementAccountId`, when
// set and not the home account, is reached through its member role (functions/shared/aws/accounts.ts: one
// AssumeRole per invocation, the session named after the execution); otherwise the home account's own role reads.
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { awsClient } from '../../shared/aws/clients.ts';
import type { GlobalConfig } from '../../shared/config/config.ts';
import { COST_EXPLORER_REGION } from './cost-explorer.ts';

/**
 * The Cost Explorer client (us-east-1) of the account the report reads. Its first request throws MemberAccessError
 * (functions/shared/aws/accounts.ts) when the management account's member role cannot be assumed.
 */
export function costExplorerOf(config: Pick<GlobalConfig, 'accounts'>): CostExplorerClient {
  return awsClient(CostExplorerClient, COST_EXPLORER_REGION, { account: config.accounts.managementAccountId });
}
