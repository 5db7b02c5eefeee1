// The runbook's `prowler -g cis_level2`, with AWS's own service: the results of Security Hub's CIS AWS Foundations
// Benchmark standard in one region, read from the home account. Standards not on (or Security Hub off) are part of
// the reading, so the report can say so and how to enable them; the enable step acts on them only where config says
// so. As the organization's Security Hub administrator the home account also sees its members' findings (each with
// its AwsAccountId): ListMembers says which members it aggregates in the region, so the report can tell a member
// without failures from one whose results never reach the administrator.
import { ListMembersCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { CisReading, HubMember } from '../model/readings.ts';
import { readableStandards, standardStates, standardsArn } from '../model/standards.ts';
import { failedFindings, failingControls } from './findings.ts';

/** Every member of the caller's Security Hub in the region with its status (ListMembers, 50 a page). */
export async function hubMembers(client: SecurityHubClient): Promise<HubMember[]> {
  const members: HubMember[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListMembersCommand({ OnlyAssociated: false, MaxResults: 50, NextToken }));
    for (const member of page.Members ?? []) {
      if (member.AccountId) members.push({ account: member.AccountId, status: member.MemberStatus ?? 'unknown' });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return members;
}

/** Reads the configured standards (ids) of one region. @throws what Security Hub throws besides InvalidAccessException. */
export async function readCisBenchmark(
  client: SecurityHubClient,
  { region, account, standards, now }: { region: string; account: string; standards: string[]; now: Date },
): Promise<CisReading> {
  const states = await standardStates(client, region, standards);
  const base = { region, account, readAt: now.toISOString() };
  if (!states) {
    return {
      ...base,
      hubEnabled: false,
      standards: standards.map((id) => ({ id, arn: standardsArn(region, id), status: 'NOT_ENABLED' })),
      read: [],
      controls: [],
      findingsRead: 0,
      members: [],
    };
  }
  const read = readableStandards(states);
  const findings = read.length ? await failedFindings(client, region, read) : [];
  return {
    ...base,
    hubEnabled: true,
    standards: states,
    read,
    controls: failingControls(findings, read),
    findingsRead: findings.length,
    members: await hubMembers(client),
  };
}
