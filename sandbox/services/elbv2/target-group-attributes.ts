// ELBv2 target group attributes of an Application Load Balancer's target groups: DescribeTargetGroupAttributes
// (every attribute, AWS's defaults where nothing was set) and ModifyTargetGroupAttributes (the changed attributes are
// validated; an unknown key or a value out of range is InvalidConfigurationRequestException, as ELBv2 answers).
import type {
  DescribeTargetGroupAttributesInput,
  ModifyTargetGroupAttributesInput,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const DEFAULTS: Record<string, string> = {
  'deregistration_delay.timeout_seconds': '300',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'stickiness.app_cookie.cookie_name': '',
  'stickiness.app_cookie.duration_seconds': '86400',
  'load_balancing.algorithm.type': 'round_robin',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'slow_start.duration_seconds': '0',
};

const integerIn = (min: number, max: number) => (value: string) =>
  /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
const oneOf =
  (...values: string[]) =>
  (value: string) =>
    values.includes(value);

const VALID: Record<string, (value: string) => boolean> = {
  'deregistration_delay.timeout_seconds': integerIn(0, 3600),
  'stickiness.enabled': oneOf('true', 'false'),
  'stickiness.type': oneOf('lb_cookie', 'app_cookie'),
  'stickiness.lb_cookie.duration_seconds': integerIn(1, 604_800),
  'stickiness.app_cookie.cookie_name': (value) => value.length <= 255,
  'stickiness.app_cookie.duration_seconds': integerIn(1, 604_800),
  'load_balancing.algorithm.type': oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'),
  'load_balancing.cross_zone.enabled': oneOf('true', 'false', 'use_load_balancer_configuration'),
  'slow_start.duration_seconds': (value) => value === '0' || integerIn(30, 900)(value),
};

const invalid = (message: string) => awsError('InvalidConfigurationRequestException', message);

function requireGroup(ctx: HandlerContext, arn: string | undefined) {
  const group = ctx.regional.elbv2.targetGroups.find((g) => g.TargetGroupArn === arn);
  if (!group) throw awsError('TargetGroupNotFoundException', `One or more target groups not found: ${arn}`);
  return group;
}

const listed = (values: Record<string, string>) => Object.entries(values).map(([Key, Value]) => ({ Key, Value }));

function describeTargetGroupAttributes(ctx: HandlerContext, input: DescribeTargetGroupAttributesInput) {
  const group = requireGroup(ctx, input.TargetGroupArn);
  return { Attributes: listed({ ...DEFAULTS, ...group.attributes }) };
}

function modifyTargetGroupAttributes(ctx: HandlerContext, input: ModifyTargetGroupAttributesInput) {
  const group = requireGroup(ctx, input.TargetGroupArn);
  const changes = input.Attributes ?? [];
  if (!changes.length) throw awsError('ValidationError', 'Attributes must contain at least one attribute');
  for (const { Key, Value } of changes) {
    const valid = VALID[Key ?? ''];
    if (!valid) throw invalid(`The attribute '${Key}' is not supported for this target group`);
    if (Value === undefined || !valid(Value)) throw invalid(`The value '${Value}' of attribute '${Key}' is not valid`);
  }
  group.attributes = { ...group.attributes, ...Object.fromEntries(changes.map(({ Key, Value }) => [Key!, Value!])) };
  return { Attributes: listed({ ...DEFAULTS, ...group.attributes }) };
}

export const targetGroupAttributeHandlers: Handlers = {
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributes,
};
