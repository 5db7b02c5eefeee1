// ELBv2 listener rules: DescribeRules (by listener, with its default rule last, or by rule ARNs; Marker/PageSize),
// CreateRule, ModifyRule, DeleteRule. Rules are evaluated by priority (1-50000, unique per listener); the default rule
// is the listener's default actions: its actions can be modified, its conditions cannot, and it cannot be deleted.
// Errors as the SDK names them: ListenerNotFoundException, RuleNotFoundException, PriorityInUseException,
// TooManyRulesException, OperationNotPermittedException, TargetGroupNotFoundException, ValidationError.
import { createHash } from 'node:crypto';
import type {
  CreateRuleInput,
  DeleteRuleInput,
  DescribeRulesInput,
  Listener,
  ModifyRuleInput,
  Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../errors.ts';
import type { Stored } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { associate, normalizeActions, normalizeConditions, validation } from './actions.ts';

/** Rules per listener besides the default rule (the ELBv2 quota). */
const MAX_RULES_PER_LISTENER = 100;

type ListenerRec = Stored<Listener> & { ListenerArn: string };
type RuleRec = Stored<Rule> & { RuleArn: string };

const listenerNotFound = (arn: string | undefined) =>
  awsError('ListenerNotFoundException', `One or more listeners not found: ${arn}`);
const ruleNotFound = (arn: string | undefined) =>
  awsError('RuleNotFoundException', `One or more rules not found: ${arn}`);

/** listener-rule/app/<lb>/<lb id>/<listener id>/<rule id> -> listener/app/<lb>/<lb id>/<listener id> */
const listenerArnOf = (ruleArn: string) => ruleArn.replace(':listener-rule/', ':listener/').replace(/\/[^/]+$/, '');

const defaultRuleArn = (listener: ListenerRec) =>
  `${listener.ListenerArn.replace(':listener/', ':listener-rule/')}/${createHash('sha256').update(listener.ListenerArn).digest('hex').slice(0, 16)}`;

function requireListener(ctx: HandlerContext, arn: string | undefined): ListenerRec {
  const listener = ctx.regional.elbv2.listeners.find((l) => l.ListenerArn === arn) as ListenerRec | undefined;
  if (!listener) throw listenerNotFound(arn);
  return listener;
}

function defaultRuleOf(listener: ListenerRec): RuleRec {
  return {
    RuleArn: defaultRuleArn(listener),
    Priority: 'default',
    Conditions: [],
    Actions: listener.DefaultActions ?? [],
    IsDefault: true,
  };
}

const rulesOf = (ctx: HandlerContext, listener: ListenerRec) =>
  (ctx.regional.elbv2.rules as RuleRec[]).filter((rule) => listenerArnOf(rule.RuleArn) === listener.ListenerArn);

/** A rule by ARN (the default rule of a listener included), with its listener. */
function findRule(ctx: HandlerContext, arn: string | undefined): { rule: RuleRec; listener: ListenerRec } {
  if (!arn) throw ruleNotFound(arn);
  const listener = ctx.regional.elbv2.listeners.find((l) => l.ListenerArn === listenerArnOf(arn)) as
    | ListenerRec
    | undefined;
  if (!listener) throw ruleNotFound(arn);
  if (arn === defaultRuleArn(listener)) return { rule: defaultRuleOf(listener), listener };
  const rule = rulesOf(ctx, listener).find((r) => r.RuleArn === arn);
  if (!rule) throw ruleNotFound(arn);
  return { rule, listener };
}

/** Priority order as ELBv2 lists them; the page key keeps that order (zero-padded priority, default last). */
const orderKey = (rule: RuleRec) => (rule.IsDefault ? '99999' : String(rule.Priority).padStart(5, '0'));

function describeRules(ctx: HandlerContext, input: DescribeRulesInput) {
  if (!input.ListenerArn && !input.RuleArns?.length) {
    throw validation('You must specify either listener ARN or rule ARNs');
  }
  if (input.PageSize !== undefined && (input.PageSize < 1 || input.PageSize > 400)) {
    throw validation('Page size must be between 1 and 400');
  }
  let rules: RuleRec[];
  if (input.ListenerArn) {
    const listener = requireListener(ctx, input.ListenerArn);
    rules = [...rulesOf(ctx, listener), defaultRuleOf(listener)];
    if (input.RuleArns?.length) rules = rules.filter((rule) => input.RuleArns!.includes(rule.RuleArn));
  } else {
    rules = input.RuleArns!.map((arn) => findRule(ctx, arn).rule);
  }
  const page = paginate(rules, orderKey, {
    token: input.Marker,
    pageSize: input.PageSize ?? 400,
    invalidToken: () => validation('Invalid Marker'),
  });
  return { Rules: page.items, NextMarker: page.nextToken };
}

function checkPriority(value: number | undefined): number {
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > 50_000) {
    throw validation(`Priority '${value}' must be between 1 and 50000`);
  }
  return value;
}

function createRule(ctx: HandlerContext, input: CreateRuleInput) {
  const listener = requireListener(ctx, input.ListenerArn);
  const priority = checkPriority(input.Priority);
  const existing = rulesOf(ctx, listener);
  if (existing.some((rule) => Number(rule.Priority) === priority)) {
    throw awsError('PriorityInUseException', `Priority '${priority}' is currently in use`);
  }
  if (existing.length >= MAX_RULES_PER_LISTENER) {
    throw awsError('TooManyRulesException', `You've reached the limit on the number of rules per listener`);
  }
  const conditions = normalizeConditions(input.Conditions);
  const actions = normalizeActions(ctx, listener.LoadBalancerArn!, input.Actions);
  associate(ctx, listener.LoadBalancerArn!, actions);
  const rule: RuleRec = {
    RuleArn: `${listener.ListenerArn.replace(':listener/', ':listener-rule/')}/${ctx.account.newId('r', 16).slice(2)}`,
    Priority: String(priority),
    Conditions: conditions,
    Actions: actions,
    IsDefault: false,
  };
  ctx.regional.elbv2.rules.push(rule);
  return { Rules: [rule] };
}

function modifyRule(ctx: HandlerContext, input: ModifyRuleInput) {
  const { rule, listener } = findRule(ctx, input.RuleArn);
  if (rule.IsDefault && input.Conditions?.length) {
    throw awsError('OperationNotPermittedException', 'You cannot modify the conditions of a default rule');
  }
  const conditions = input.Conditions?.length ? normalizeConditions(input.Conditions) : undefined;
  const actions = input.Actions?.length ? normalizeActions(ctx, listener.LoadBalancerArn!, input.Actions) : undefined;
  if (actions) associate(ctx, listener.LoadBalancerArn!, actions);
  if (rule.IsDefault) {
    if (actions) listener.DefaultActions = actions;
    return { Rules: [defaultRuleOf(listener)] };
  }
  if (conditions) rule.Conditions = conditions;
  if (actions) rule.Actions = actions;
  return { Rules: [rule] };
}

function deleteRule(ctx: HandlerContext, input: DeleteRuleInput) {
  const { rule } = findRule(ctx, input.RuleArn);
  if (rule.IsDefault) throw awsError('OperationNotPermittedException', 'Default rules cannot be deleted');
  ctx.regional.elbv2.rules = ctx.regional.elbv2.rules.filter((r) => r.RuleArn !== rule.RuleArn);
  return {};
}

export const ruleHandlers: Handlers = {
  DescribeRules: describeRules,
  CreateRule: createRule,
  ModifyRule: modifyRule,
  DeleteRule: deleteRule,
};
