// CloudWatch alarm actions: DisableAlarmActions and EnableAlarmActions (up to 100 alarm names a call, metric and
// composite alarms alike). The alarm's ActionsEnabled is what DescribeAlarms then shows; names that match no alarm
// are passed over without an error, as CloudWatch does, so a caller must read the alarms back to know what changed.
import type { DisableAlarmActionsInput, EnableAlarmActionsInput } from '@aws-sdk/client-cloudwatch';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const MAX_NAMES = 100;

function setActions(ctx: HandlerContext, names: string[] | undefined, enabled: boolean) {
  if (!names?.length) throw awsError('MissingRequiredParameterException', 'AlarmNames is required.');
  if (names.length > MAX_NAMES) {
    throw awsError('InvalidParameterValueException', `AlarmNames may name at most ${MAX_NAMES} alarms.`);
  }
  for (const alarm of [...ctx.regional.cloudwatch.alarms, ...(ctx.regional.cloudwatch.compositeAlarms ?? [])]) {
    if (names.includes(alarm.AlarmName)) alarm.ActionsEnabled = enabled;
  }
  return {};
}

export const alarmActionHandlers: Handlers = {
  DisableAlarmActions: (ctx: HandlerContext, input: DisableAlarmActionsInput) =>
    setActions(ctx, input.AlarmNames, false),
  EnableAlarmActions: (ctx: HandlerContext, input: EnableAlarmActionsInput) => setActions(ctx, input.AlarmNames, true),
};
