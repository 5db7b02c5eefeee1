// CloudWatch ListTagsForResource for alarms (metric and composite), addressed by ARN as AWS requires.
import type { ListTagsForResourceInput } from '@aws-sdk/client-cloudwatch';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';

function listTagsForResource(ctx: HandlerContext, input: ListTagsForResourceInput) {
  const arn = input.ResourceARN ?? '';
  if (!arn.startsWith('arn:')) {
    throw awsError('InvalidParameterValue', `The value ${arn} for parameter ResourceARN is not a valid ARN.`);
  }
  const { alarms, compositeAlarms = [] } = ctx.regional.cloudwatch;
  const alarm = [...alarms, ...compositeAlarms].find((candidate) => candidate.AlarmArn === arn);
  if (!alarm)
    throw awsError('ResourceNotFoundException', `The specified resource ${arn} does not exist.`, { status: 404 });
  return { Tags: alarm.Tags ?? [] };
}

export const cloudWatchTagHandlers: Handlers = { ListTagsForResource: listTagsForResource };
