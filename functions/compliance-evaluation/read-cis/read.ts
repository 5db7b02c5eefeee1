// The runbook's `prowler -g cis_level2`, with AWS's own service: the results of Security Hub's CIS AWS Foundations
// Benchmark standard in one region. Standards not on (or Security Hub off) are part of the reading, so the report
// can say so and how to enable them; the enable step acts on them only where config says so.
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { CisReading } from '../model/readings.ts';
import { readableStandards, standardStates, standardsArn } from '../model/standards.ts';
import { failedFindings, failingControls } from './findings.ts';

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
  };
}
