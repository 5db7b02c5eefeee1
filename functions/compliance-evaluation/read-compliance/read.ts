// Reads back what the evaluation found. A rule counts as still evaluating until its last successful or
// failed evaluation is newer than the moment we started it; the state machine polls while any is.
import {
  type ConfigServiceClient,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRuleEvaluationStatusCommand,
} from '@aws-sdk/client-config-service';

const STATUS_NAMES_PER_CALL = 50;
const COMPLIANCE_NAMES_PER_CALL = 25;

export interface RuleCompliance {
  rule: string;
  compliance: string;
  nonCompliantResources?: string;
}

export interface ComplianceReading {
  region: string;
  pending: string[];
  failed: { rule: string; errorCode?: string }[];
  rules: RuleCompliance[];
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

async function evaluationStatus(client: ConfigServiceClient, ruleNames: string[], startedAt: Date) {
  const pending: string[] = [];
  const failed: ComplianceReading['failed'] = [];
  for (const batch of chunks(ruleNames, STATUS_NAMES_PER_CALL)) {
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeConfigRuleEvaluationStatusCommand({ ConfigRuleNames: batch, NextToken }),
      );
      for (const status of page.ConfigRulesEvaluationStatus ?? []) {
        const succeeded = (status.LastSuccessfulEvaluationTime?.getTime() ?? 0) >= startedAt.getTime();
        const failedAfter = (status.LastFailedEvaluationTime?.getTime() ?? 0) >= startedAt.getTime();
        if (failedAfter && !succeeded)
          failed.push({ rule: status.ConfigRuleName ?? '', errorCode: status.LastErrorCode });
        else if (!succeeded) pending.push(status.ConfigRuleName ?? '');
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return { pending, failed };
}

async function complianceOf(client: ConfigServiceClient, ruleNames: string[]): Promise<RuleCompliance[]> {
  const rules: RuleCompliance[] = [];
  for (const batch of chunks(ruleNames, COMPLIANCE_NAMES_PER_CALL)) {
    let NextToken: string | undefined;
    do {
      const page = await client.send(new DescribeComplianceByConfigRuleCommand({ ConfigRuleNames: batch, NextToken }));
      for (const item of page.ComplianceByConfigRules ?? []) {
        const count = item.Compliance?.ComplianceContributorCount;
        rules.push({
          rule: item.ConfigRuleName ?? '',
          compliance: item.Compliance?.ComplianceType ?? 'INSUFFICIENT_DATA',
          ...(count ? { nonCompliantResources: `${count.CappedCount ?? 0}${count.CapExceeded ? '+' : ''}` } : {}),
        });
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return rules;
}

export async function readCompliance(
  client: ConfigServiceClient,
  region: string,
  ruleNames: string[],
  startedAt: string,
): Promise<ComplianceReading> {
  if (ruleNames.length === 0) return { region, pending: [], failed: [], rules: [] };
  const { pending, failed } = await evaluationStatus(client, ruleNames, new Date(startedAt));
  return { region, pending, failed, rules: await complianceOf(client, ruleNames) };
}
