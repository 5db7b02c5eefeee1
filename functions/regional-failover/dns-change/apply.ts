// The DNS change itself: the planned record set UPSERTed (ChangeResourceRecordSets); the change id to wait on.
import { ChangeResourceRecordSetsCommand, type Route53Client } from '@aws-sdk/client-route-53';
import type { DnsPlan } from '../dns.ts';

/** UPSERTs the planned record set (ChangeResourceRecordSets); the change id to wait on. */
export async function applyDns(route53: Route53Client, plan: DnsPlan, comment: string): Promise<string | undefined> {
  const { ChangeInfo } = await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: plan.hostedZoneId,
      ChangeBatch: { Comment: comment, Changes: [{ Action: 'UPSERT', ResourceRecordSet: plan.recordSet }] },
    }),
  );
  return ChangeInfo?.Id;
}
