import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { IncidentResponse } from '../config.ts';
import type { FollowState } from '../intake/result.ts';
import { PLAYBOOK } from '../model/record.ts';
import { type CheckResult, check } from './check.ts';
import { handOver } from './handover.ts';

const Input = z.object({
  follow: z.custom<FollowState>((value) => typeof value === 'object' && value !== null && 'incidentId' in value),
});

export const handler = makeHandler({
  playbook: PLAYBOOK,
  config: { incidentResponse: IncidentResponse },
  input: Input,
  run: async ({ follow }, { config, runtime, execution, now }): Promise<CheckResult> => {
    const settings = config.playbooks.incidentResponse;
    const home = config.regions[0];
    const result = await check(follow, {
      store: { s3: awsClient(S3Client, home), bucket: runtime.reportsBucket },
      cloudwatch: (region) => awsClient(CloudWatchClient, region),
      settings,
      notifications: config.notifications,
      sender: { home, topicArn: runtime.topicArn },
      stage: runtime.stage,
      now: now(),
    });
    if (result.follow.next === 'wait' && result.follow.checks >= settings.checksPerExecution) {
      const name = await handOver(awsClient(SFNClient, home), execution.Id, result.follow);
      return {
        ...result,
        follow: { ...result.follow, next: 'handed-over' },
        summary: `${result.summary}; follow-up handed over to execution ${name}`,
      };
    }
    return result;
  },
});
