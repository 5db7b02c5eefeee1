// Arranges what a traffic shift leaves when its execution is stopped after its first step (StopExecution runs no
// Catch): the lock held, the run record written, green at the first step's share and, for a canary, the header rule.
// The steps' own functions do it, as the execution would have.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { AuditTrail } from '../../functions/shared/audit/audit.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { runRecordKey } from '../../functions/shared/claims/records.ts';
import { createCanaryRule } from '../../functions/traffic-shift/configure/configure.ts';
import { updateRecord } from '../../functions/traffic-shift/model/record.ts';
import { ManualInput } from '../../functions/traffic-shift/prepare/input.ts';
import { prepareShift } from '../../functions/traffic-shift/prepare/prepare.ts';
import { shiftTo } from '../../functions/traffic-shift/shift/shift.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { readBack } from '../support/sandbox.ts';
import { BUCKET } from './support.ts';

export const executionArnOf = (name: string) =>
  `arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-traffic-shift:${name}`;

export async function stoppedAfterFirstStep(account: SandboxAccount, input: object, name: string): Promise<void> {
  const execution = { Id: executionArnOf(name), Name: name, StartTime: new Date().toISOString() };
  await readBack(account, async () => {
    const config = loadStageConfig({ stage: 'dev' });
    const s3 = awsClient(S3Client, 'us-east-1');
    const elbv2 = awsClient(ElasticLoadBalancingV2Client, 'us-east-1');
    const audit = new AuditTrail({
      client: awsClient(EventBridgeClient, 'us-east-1'),
      busName: 'default',
      playbook: 'traffic-shift',
      executionId: execution.Id,
      account: '123456789012',
    });
    const { plan } = await prepareShift(
      ManualInput.parse(input),
      config.playbooks.trafficShift,
      config,
      runRecordKey('traffic-shift', name),
      { elbv2, cloudwatch: awsClient(CloudWatchClient, 'us-east-1'), s3, bucket: BUCKET, execution, now: new Date() },
    );
    if (plan.mode === 'canary') {
      const canaryRuleArn = await createCanaryRule(elbv2, audit, plan);
      await updateRecord({ s3, bucket: BUCKET }, plan, execution, (record) => {
        record.canaryRuleArn = canaryRuleArn;
      });
    }
    await shiftTo(elbv2, audit, plan, 0, new Date());
  });
}
