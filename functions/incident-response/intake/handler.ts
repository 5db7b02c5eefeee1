import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { formatIssues, makeHandler } from '../../shared/handler/handler.ts';
import { IncidentResponse } from '../config.ts';
import { PLAYBOOK } from '../model/record.ts';
import { ManualRequest, parseInput } from './input.ts';
import { decide } from './intake.ts';
import type { IntakeResult } from './result.ts';

// The state machine hands the execution input as it came (an event, or a request by hand) beside `execution`.
export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: z.looseObject({}),
  run: async (input, { config, runtime, execution, now }): Promise<IntakeResult> => {
    const manual = () => {
      const parsed = ManualRequest.safeParse(input);
      if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
      if (parsed.data.region && !config.regions.includes(parsed.data.region)) {
        throw new InvalidInputError(
          `input.region: ${parsed.data.region} not configured (allowed: ${config.regions.join(', ')})`,
        );
      }
      return parsed.data;
    };
    const home = config.regions[0];
    return decide(parseInput(input, manual), {
      store: { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket },
      cloudwatch: (region) => awsClient(CloudWatchClient, region),
      settings: config.playbooks.incidentResponse,
      executionId: execution.Id,
      now: now(),
      homeRegion: home,
    });
  },
});
