import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { runRecordKey } from '../../shared/claims/records.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { formatIssues, makeHandler } from '../../shared/handler/handler.ts';
import { isStatusChangeEvent, parseStoppedExecution } from '../../shared/playbook/stopped.ts';
import { TrafficShift } from '../config.ts';
import { ManualInput } from './input.ts';
import { prepareShift } from './prepare.ts';
import { restoreStart } from './restore.ts';

// `input` is the execution input as it came ($$.Execution.Input): a request by hand or from a pipeline, or the
// status-change event of a stopped traffic-shift execution (its rule).
const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

export const handler = makeHandler({
  playbook: 'traffic-shift',
  config: { trafficShift: TrafficShift },
  input: Input,
  run: async ({ input }, { config, runtime, execution, now }) => {
    const s3 = awsClient(S3Client, config.regions[0]);
    const deps = { s3, bucket: runtime.reportsBucket, execution, now: now() };
    if (isStatusChangeEvent(input)) return restoreStart(parseStoppedExecution(input, 'traffic-shift'), deps);
    const parsed = ManualInput.safeParse(input);
    if (!parsed.success) throw new InvalidInputError(formatIssues(parsed.error));
    const settings = config.playbooks.trafficShift;
    // planOf refuses a region that is not configured before any call is made there.
    const region = regionOf(parsed.data, settings) ?? config.regions[0];
    const prepared = await prepareShift(parsed.data, settings, config, runRecordKey('traffic-shift', execution.Name), {
      ...deps,
      elbv2: awsClient(ElasticLoadBalancingV2Client, region),
      cloudwatch: awsClient(CloudWatchClient, region),
    });
    return { kind: 'shift' as const, ...prepared };
  },
});

/** The rule's region, from the input or the named service (planOf checks it is configured). */
function regionOf(input: ManualInput, settings: z.output<typeof TrafficShift>): string | undefined {
  const arn = input.ruleArn ?? (input.service ? settings.services[input.service]?.ruleArn : undefined);
  return arn?.split(':')[3];
}
