// The runbook's compliance check: re-evaluate an account's Config rules in a region now instead of waiting for
// their periodic run (Config rules belong to one account and region: each target of the fan-out starts its own).
// StartConfigRulesEvaluation takes at most 25 rule names a call.
import {
  type ConfigServiceClient,
  DescribeConfigRulesCommand,
  StartConfigRulesEvaluationCommand,
} from '@aws-sdk/client-config-service';
import type { AuditTrail } from '../../shared/audit/audit.ts';

const RULES_PER_CALL = 25;

/** Where to start and how: the account and region (the client acts in them), rule name prefixes, dry run. */
export interface StartSettings {
  region: string;
  account: string;
  ruleNamePrefixes: string[];
  dryRun: boolean;
}

/** The rules whose evaluation started (or would start, in a dry run) and when (ISO). */
export interface StartedEvaluation {
  region: string;
  ruleNames: string[];
  startedAt: string;
}

/** The names of the ACTIVE rules whose name starts with one of `prefixes` (all when empty), DescribeConfigRules paginated. */
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

/** Starts the evaluation of the active rules, 25 a call, each batch recorded in the audit trail (dry run: recorded only). */
export async function startEvaluation(
  client: ConfigServiceClient,
  audit: AuditTrail,
  { region, account, ruleNamePrefixes, dryRun }: StartSettings,
  now: () => Date,
): Promise<StartedEvaluation> {
  const ruleNames = await listActiveRules(client, ruleNamePrefixes);
  const startedAt = now().toISOString();
  for (let start = 0; start < ruleNames.length; start += RULES_PER_CALL) {
    const batch = ruleNames.slice(start, start + RULES_PER_CALL);
    if (!dryRun) await client.send(new StartConfigRulesEvaluationCommand({ ConfigRuleNames: batch }));
    await audit.record({
      action: 'config:StartConfigRulesEvaluation',
      resource: `config-rules:${account}:${region}`,
      region,
      account,
      outcome: dryRun ? 'dry-run' : 'done',
      detail: { account, ruleNames: batch },
    });
  }
  return { region, ruleNames, startedAt };
}
