// The runbook's compliance check: re-evaluate the region's Config rules now instead of waiting for their
// periodic run. StartConfigRulesEvaluation takes at most 25 rule names a call.
import {
  type ConfigServiceClient,
  DescribeConfigRulesCommand,
  StartConfigRulesEvaluationCommand,
} from '@aws-sdk/client-config-service';
import type { AuditTrail } from '../../shared/audit/audit.ts';

const RULES_PER_CALL = 25;

export interface StartSettings {
  region: string;
  ruleNamePrefixes: string[];
  dryRun: boolean;
}

export interface StartedEvaluation {
  region: string;
  ruleNames: string[];
  startedAt: string;
}

export async function listActiveRules(client: ConfigServiceClient, prefixes: string[]): Promise<string[]> {
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeConfigRulesCommand({ NextToken }));
    for (const rule of page.ConfigRules ?? []) {
      const name = rule.ConfigRuleName ?? '';
      const wanted = prefixes.length === 0 || prefixes.some((prefix) => name.startsWith(prefix));
      if (wanted && rule.ConfigRuleState === 'ACTIVE') names.push(name);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

export async function startEvaluation(
  client: ConfigServiceClient,
  audit: AuditTrail,
  { region, ruleNamePrefixes, dryRun }: StartSettings,
  now: () => Date,
): Promise<StartedEvaluation> {
  const ruleNames = await listActiveRules(client, ruleNamePrefixes);
  const startedAt = now().toISOString();
  for (let start = 0; start < ruleNames.length; start += RULES_PER_CALL) {
    const batch = ruleNames.slice(start, start + RULES_PER_CALL);
    if (!dryRun) await client.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: batch }));
    await audit.record({
      action: 'config:StartConfigRulesEvaluation',
      resource: `config-rules:${region}`,
      region,
      outcome: dryRun ? 'dry-run' : 'done',
      detail: { ruleNames: batch },
    });
  }
  return { region, ruleNames, startedAt };
}
