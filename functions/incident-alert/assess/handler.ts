import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { awsClient } from '../../shared/aws/clients.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { IncidentAlert } from '../config.ts';
import { type Assessment, assessAlarm } from './assess.ts';
import { IncidentExecutionInput, parseIncidentInput } from './input.ts';

export const handler = makeHandler({
  playbook: 'incident-alert',
  config: { incidentAlert: IncidentAlert },
  input: IncidentExecutionInput,
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
