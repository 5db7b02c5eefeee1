// Every page of one GetCostAndUsage query. Cost Explorer pages by NextPageToken (the SDK has no paginator for this
// operation) and charges per request, so the requests made are counted; DataUnavailableException (no data for the
// account or the period) is an answer, not a failure.
import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { hasCode } from './cost-explorer.ts';

export interface CostAndUsagePages {
  /** The pages in order (empty when noData). */
  pages: GetCostAndUsageCommandOutput[];
  /** Requests made, the failed one included. */
  requests: number;
  /** Cost Explorer's DataUnavailableException message, when it had no data. */
  noData?: string;
}

/**
 * Sends `query` until the last page (GetCostAndUsage, Cost Explorer API reference).
 * @throws any Cost Explorer error but DataUnavailableException (the state machine retries, then the report notes it).
 */
export async function costAndUsagePages(
  client: CostExplorerClient,
  query: Omit<GetCostAndUsageCommandInput, 'NextPageToken'>,
): Promise<CostAndUsagePages> {
  const pages: GetCostAndUsageCommandOutput[] = [];
  let requests = 0;
  let NextPageToken: string | undefined;
  do {
    requests += 1;
    try {
      const page = await client.send(new GetCostAndUsageCommand({ ...query, NextPageToken }));
      pages.push(page);
      NextPageToken = page.NextPageToken;
    } catch (error) {
      if (!hasCode(error, 'DataUnavailableException')) throw error;
      return { pages: [], requests, noData: `Cost Explorer: ${(error as Error).message}` };
    }
  } while (NextPageToken);
  return { pages, requests };
}
