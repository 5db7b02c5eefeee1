import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { startWindow } from '../../functions/maintenance-window/start/start.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { AuditTrail } from '../../functions/shared/audit/audit.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { acquireLock } from '../../functions/shared/claims/locks.ts';
import { stoppedExecutionEvent } from '../../functions/shared/playbook/stopped.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount, readBack } from '../support/sandbox.ts';

const BUCKET = 'idp-autopilot-dev-reports-123456789012';
const FLAG = '/idp/dev/maintenance_mode';
const window = { durationMinutes: 60, reason: 'Aurora minor version upgrade' };
const run = (account: SandboxAccount, input: object, dryRun = false) =>
  runPlaybook({ playbook: 'maintenance-window', input, account, skipWaits: true, dryRun });

const flagIn = (account: SandboxAccount, region: string) =>
  account.region(region).ssm.parameters.find((p) => p.Name === FLAG)?.Value;
const alarm = (account: SandboxAccount, name: string, region = 'us-east-1') =>
  account.region(region).cloudwatch.alarms.find((a) => a.AlarmName === name)!;
const subjects = (account: SandboxAccount) =>
  account.callsTo('SNS', 'Publish').map((call) => (call.input as { Subject: string }).Subject);
const changes = (account: SandboxAccount) =>
  account.calls.filter((c) => ['PutParameter', 'DisableAlarmActions', 'EnableAlarmActions'].includes(c.operation));

describe('maintenance-window on the sandbox', () => {
  it('sets maintenance_mode and pauses the alarm actions for the window, then restores both and notifies', async () => {
    const account = freshAccount();
    alarm(account, 'idp-services-5xx').ActionsEnabled = false;
    const result = await run(account, window);

    expect(result.status).toBe('SUCCEEDED');
    const puts = account.callsTo('SSM', 'PutParameter').map((c) => [c.region, (c.input as { Value: string }).Value]);
    expect(puts).toEqual([
      ['us-east-1', 'true'],
      ['us-west-2', 'true'],
      ['us-east-1', 'false'],
      ['us-west-2', 'false'],
    ]);
    expect([flagIn(account, 'us-east-1'), flagIn(account, 'us-west-2')]).toEqual(['false', 'false']);
    const disabled = account.callsTo('CloudWatch', 'DisableAlarmActions')[0].input as { AlarmNames: string[] };
    expect(disabled.AlarmNames).toContain('idp-prod-api-5xx');
    expect(disabled.AlarmNames).not.toContain('idp-services-5xx');
    expect(alarm(account, 'idp-prod-api-5xx').ActionsEnabled).toBe(true);
    // It enables only what it disabled: an alarm whose actions were off stays off.
    expect(alarm(account, 'idp-services-5xx').ActionsEnabled).toBe(false);
    expect(subjects(account)).toEqual([
      expect.stringContaining('[SEV4] Planned maintenance (dev) until'),
      '[SEV4] Maintenance (dev) complete: Aurora minor version upgrade',
    ]);
    expect(account.region('us-east-1').sns.messages[1].Message).toContain('SERVICE RESTORED');
  });

  it('refuses while a SEV2 incident is open, and changes nothing', async () => {
    const account = freshAccount();
    await readBack(account, () =>
      awsClient(S3Client, 'us-east-1').send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'incidents/open/INC-20261130-001.json',
          Body: JSON.stringify({
            id: 'INC-20261130-001',
            severity: 'SEV2',
            source: 'idp-prod-api-5xx',
            openedAt: '2026-11-30T08:00:00Z',
          }),
        }),
      ),
    );
    const result = await run(account, window);

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('incident INC-20261130-001 (SEV2, idp-prod-api-5xx) is open');
    expect(changes(account)).toEqual([]);
  });

  it('refuses while a traffic shift is running, naming its execution', async () => {
    const account = freshAccount();
    await readBack(account, () =>
      acquireLock(awsClient(S3Client, 'us-east-1'), BUCKET, {
        target: 'alb-rule:arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/x/1/2/3',
        playbook: 'traffic-shift',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-traffic-shift:deploy-9',
        executionName: 'deploy-9',
        ttlSeconds: 3600,
        now: new Date(),
      }),
    );
    const result = await run(account, window);
    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('traffic-shift execution deploy-9');
    expect(changes(account)).toEqual([]);
  });

  it('ends early on the stopped execution, and alerts on an alarm that went into ALARM during the window', async () => {
    const account = freshAccount();
    const name = 'maintenance-20261130';
    await readBack(account, async () => {
      const config = loadStageConfig({ stage: 'dev' });
      const executionId = `arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-maintenance-window:${name}`;
      await startWindow({ ...window, dryRun: false }, config.playbooks.maintenanceWindow, {
        s3: awsClient(S3Client, 'us-east-1'),
        bucket: BUCKET,
        regions: config.regions,
        ssm: (region) => awsClient(SSMClient, region),
        cloudwatch: (region) => awsClient(CloudWatchClient, region),
        audit: new AuditTrail({
          client: awsClient(EventBridgeClient, 'us-east-1'),
          busName: 'default',
          playbook: 'maintenance-window',
          executionId,
          account: '123456789012',
        }),
        execution: { Id: executionId, Name: name, StartTime: new Date().toISOString() },
        stage: 'dev',
        now: new Date(),
      });
    });
    expect(flagIn(account, 'us-east-1')).toBe('true');
    alarm(account, 'idp-services-5xx').StateValue = 'ALARM';

    const executionArn = `arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-maintenance-window:${name}`;
    const result = await run(account, stoppedExecutionEvent(executionArn, 'ABORTED', new Date()));

    expect(result.status).toBe('SUCCEEDED');
    expect(flagIn(account, 'us-east-1')).toBe('false');
    expect(alarm(account, 'idp-services-5xx').ActionsEnabled).toBe(true);
    expect(subjects(account)).toEqual(['[SEV2] Maintenance (dev) ended with 1 alarm(s) in ALARM: idp-services-5xx']);
    const again = await run(account, stoppedExecutionEvent(executionArn, 'ABORTED', new Date()));
    expect((again.output as { kind: string }).kind).toBe('nothing');
  });

  it('restores what it changed when the start fails half-way', async () => {
    const account = freshAccount({
      faults: [
        { operation: 'DisableAlarmActions', region: 'us-west-2', error: 'InvalidParameterValueException', times: 10 },
      ],
    });
    const result = await run(account, window);

    expect(result.status).toBe('FAILED');
    expect([flagIn(account, 'us-east-1'), flagIn(account, 'us-west-2')]).toEqual(['false', 'false']);
    expect(alarm(account, 'idp-prod-api-5xx').ActionsEnabled).toBe(true);
    expect(subjects(account)).toEqual([
      expect.stringContaining('Maintenance (dev) failed; maintenance_mode and alarm actions restored'),
    ]);
  });

  it('a dry run lists the flag and the alarms it would pause and changes nothing', async () => {
    const account = freshAccount();
    const result = await run(account, window, true);
    expect(result.status).toBe('SUCCEEDED');
    expect(changes(account)).toEqual([]);
    // A dry run's notice is only logged (notifications.dryRuns: false); the run's output says what it would send.
    expect(subjects(account)).toEqual([]);
    expect(JSON.stringify(result.output)).toContain('Dry run: a 60-minute maintenance window (dev) would silence');
  });

  it('takes a scheduled window from config', async () => {
    const account = freshAccount();
    const result = await run(account, { trigger: 'schedule' });
    expect(result.status).toBe('SUCCEEDED');
    expect(subjects(account)[1]).toBe('[SEV4] Maintenance (dev) complete: weekly maintenance window');
  });
});
