// Reverse-DNS (PTR) records of Elastic IPs: DescribeAddresses does not show them, DescribeAddressesAttribute does.
// AWS refuses to release an address with a PTR record, and a human set it for a reason (mail, allow-lists).
import { DescribeAddressesAttributeCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ReverseDns } from './classify.ts';

/** Allocation id -> reverse-DNS record or pending update (only addresses that have one are returned). */
export async function reverseDns(ec2: EC2Client, allocationIds?: string[]): Promise<Map<string, ReverseDns>> {
  const records = new Map<string, ReverseDns>();
  if (allocationIds?.length === 0) return records;
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeAddressesAttributeCommand({
        Attribute: 'domain-name',
        ...(allocationIds ? { AllocationIds: allocationIds } : { MaxResults: 1000 }),
        NextToken,
      }),
    );
    for (const address of page.Addresses ?? []) {
      if (!address.AllocationId) continue;
      const pending = /pending/i.test(address.PtrRecordUpdate?.Status ?? '')
        ? address.PtrRecordUpdate?.Value
        : undefined;
      if (address.PtrRecord || pending) {
        records.set(address.AllocationId, { ptrRecord: address.PtrRecord, pendingUpdate: pending });
      }
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return records;
}
