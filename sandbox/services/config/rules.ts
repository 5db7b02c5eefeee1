// AWS Config rules: DescribeConfigRules, StartConfigRulesEvaluation, DescribeComplianceByConfigRule,
// DescribeConfigRuleEvaluationStatus. An evaluation started by StartConfigRulesEvaluation shows as in progress
// (new invocation time, old evaluation time) on the next status read, which also completes it.
import type {
  DescribeComplianceByConfigRuleRequest,
  DescribeConfigRuleEvaluationStatusRequest,
  DescribeConfigRulesRequest,
  StartConfigRulesEvaluationRequest,
} from '@aws-sdk/client-config-service';
import { awsError } from '../../errors.ts';
import type { ConfigRuleRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

/** Config returns at most 25 rules / compliance results per page and takes no page-size parameter. */
const RULES_PAGE_SIZE = 25;
const MAX_RULES_PER_EVALUATION = 25;
const COMPLIANCE_FILTER_VALUES = ['COMPLIANT', 'NON_COMPLIANT', 'INSUFFICIENT_DATA'];

const invalidToken = () => awsError('InvalidNextTokenException', 'The nextToken provided is invalid');
const noSuchRule = (name: string) =>
  awsError(
    'NoSuchConfigRuleException',
    `The ConfigRule '${name}' provided in the request is invalid. Please check the configRule name`,
  );

/** The named rules (all when no names), rejecting unknown names like Config does. */
function selectRules(ctx: HandlerContext, names: string[] | undefined): ConfigRuleRec[] {
  const rules = ctx.regional.config.rules;
  if (!names?.length) return rules;
  return names.map((name) => rules.find((r) => r.rule.ConfigRuleName === name) ?? throwError(noSuchRule(name)));
}

function throwError(error: Error): never {
  throw error;
}

function describeConfigRules(ctx: HandlerContext, input: DescribeConfigRulesRequest) {
  const selected = selectRules(ctx, input.ConfigRuleNames);
  const page = paginate(selected, (r) => r.rule.ConfigRuleName, {
    token: input.NextToken,
    pageSize: RULES_PAGE_SIZE,
    invalidToken,
  });
  return { ConfigRules: page.items.map((r) => r.rule), NextToken: page.nextToken };
}

function startConfigRulesEvaluation(ctx: HandlerContext, input: StartConfigRulesEvaluationRequest) {
  const names = input.ConfigRuleNames ?? [];
  if (names.length < 1 || names.length > MAX_RULES_PER_EVALUATION) {
    throw awsError(
      'ValidationException',
      `1 validation error detected: Value at 'configRuleNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RULES_PER_EVALUATION} and greater than or equal to 1`,
    );
  }
  const now = ctx.now().toISOString();
  for (const rule of selectRules(ctx, names)) {
    rule.evaluation.requestedAt = now;
    rule.evaluation.lastSuccessfulInvocationTime = now;
  }
  return {};
}

function describeComplianceByConfigRule(ctx: HandlerContext, input: DescribeComplianceByConfigRuleRequest) {
  const types = input.ComplianceTypes ?? [];
  const invalid = types.find((t) => !COMPLIANCE_FILTER_VALUES.includes(t));
  if (invalid) {
    throw awsError(
      'InvalidParameterValueException',
      `The compliance type '${invalid}' is not valid for this operation.`,
    );
  }
  const selected = selectRules(ctx, input.ConfigRuleNames).filter(
    (r) => !types.length || types.includes(r.compliance.type),
  );
  const page = paginate(selected, (r) => r.rule.ConfigRuleName, {
    token: input.NextToken,
    pageSize: RULES_PAGE_SIZE,
    invalidToken,
  });
  const ComplianceByConfigRules = page.items.map((r) => ({
    ConfigRuleName: r.rule.ConfigRuleName,
    Compliance: {
      ComplianceType: r.compliance.type,
      ComplianceContributorCount:
        r.compliance.type === 'NON_COMPLIANT'
          ? {
              CappedCount: Math.min(r.compliance.nonCompliantCount ?? 1, 100),
              CapExceeded: (r.compliance.nonCompliantCount ?? 1) > 100,
            }
          : undefined,
    },
  }));
  return { ComplianceByConfigRules, NextToken: page.nextToken };
}

function describeConfigRuleEvaluationStatus(ctx: HandlerContext, input: DescribeConfigRuleEvaluationStatusRequest) {
  const limit = input.Limit || 50;
  if (limit > 50) throw awsError('InvalidParameterValueException', 'The Limit must be less than or equal to 50.');
  const selected = selectRules(ctx, input.ConfigRuleNames);
  const page = paginate(selected, (r) => r.rule.ConfigRuleName, {
    token: input.NextToken,
    pageSize: limit,
    invalidToken,
  });
  const ConfigRulesEvaluationStatus = page.items.map((r) => ({
    ConfigRuleName: r.rule.ConfigRuleName,
    ConfigRuleArn: r.rule.ConfigRuleArn,
    ConfigRuleId: r.rule.ConfigRuleId,
    FirstActivatedTime: r.evaluation.firstActivatedTime,
    FirstEvaluationStarted: r.evaluation.lastSuccessfulInvocationTime !== undefined,
    LastSuccessfulInvocationTime: r.evaluation.lastSuccessfulInvocationTime,
    LastSuccessfulEvaluationTime: r.evaluation.lastSuccessfulEvaluationTime,
  }));
  const now = ctx.now().toISOString();
  for (const rule of page.items) {
    if (rule.evaluation.requestedAt === undefined) continue;
    rule.evaluation.lastSuccessfulEvaluationTime = now;
    delete rule.evaluation.requestedAt;
  }
  return { ConfigRulesEvaluationStatus, NextToken: page.nextToken };
}

export const configRuleHandlers: Handlers = {
  DescribeConfigRules: describeConfigRules,
  StartConfigRulesEvaluation: startConfigRulesEvaluation,
  DescribeComplianceByConfigRule: describeComplianceByConfigRule,
  DescribeConfigRuleEvaluationStatus: describeConfigRuleEvaluationStatus,
};
