import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { type Assessment, assessAlarm } from './assess.ts';
import { parseIncidentInput } from './input.ts';

// The execution input is the alarm event or a request by hand; input.ts validates both with the field named. This
// schema only shows the two shapes (`autopilot list`) and keeps every member.
const Input = z.union([
  z.looseObject({ 'detail-type': z.literal('CloudWatch Alarm State Change'), detail: z.looseObject({}) }),
  z.looseObject({ alarmName: z.string(), region: z.string().optional(), dryRun: z.boolean().optional() }),
]);

export const handler = makeHandler({
  playbook: 'incident-alert',
  input: Input,
  run: async (input, { config, now }): Promise<Assessment> => {
    const { execution: _execution, ...raw } = input as Record<string, unknown>;
    const request = parseIncidentInput(raw);
    const region = request.region ?? config.regions[0];
    if (request.trigger === 'manual' && !config.regions.includes(region)) {
      throw new InvalidInputError(`input.region: ${region} not configured (allowed: ${config.regions.join(', ')})`);
    }
    // Only events are ignored: a human who names one of these alarms by hand gets it assessed.
    const ignoredBy = config.playbooks.incidentAlert.ignoreAlarmNamePrefixes.find((prefix) =>
      request.alarmName.startsWith(prefix),
    );
    if (request.trigger === 'event' && ignoredBy) {
      return {
        trigger: request.trigger,
        eventId: request.eventId,
        dryRun: false,
        region,
        alarmName: request.alarmName,
        alarmArn: request.alarmName,
        state: request.state,
        datapoints: [],
        ignored: `alarm name starts with "${ignoredBy}" (ignoreAlarmNamePrefixes): the stack's own alarm notifies its topic itself`,
      };
    }
    return assessAlarm(awsClient(CloudWatchClient, region), { ...request, region }, now());
  },
});
