import { describe, expect, it } from 'vitest';
import { DENY_POLICY, keyStatuses, messages, reports, revoke, sampleEvent, user } from '../support/credentials.ts';
import { freshAccount } from '../support/sandbox.ts';

describe('revoke-credentials refuses bad input clearly, changes nothing and notifies', () => {
  it('fails for an unknown user', async () => {
    const account = freshAccount();
    const iamBefore = structuredClone(account.state.global.iam);

    const result = await revoke(account, { userName: 'mallory', accessKeyId: 'AKIASANDBOXMALLORY01' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('ResourceNotFoundError');
    expect(result.error?.Cause).toContain('IAM user "mallory" does not exist');
    expect(account.state.global.iam).toEqual(iamBefore);
    const [message] = messages(account);
    // Refused input pages nobody: an input-rejected notice (SEV4) to the channel of record only.
    expect(message.subject).toMatch(
      /^\[SEV4\] revoke-credentials failed for access key AKIASANDBOXMALLORY01 \(IAM user mallory\)/,
    );
    expect(message.text).toContain('AUTOPILOT INPUT REJECTED');
    expect(message.text).toContain('Changed before the failure: nothing');
    expect([...account.callsTo('Slack'), ...account.callsTo('PagerDuty')]).toEqual([]);
    expect(reports(account, 'revoke-credentials')[0]).toMatchObject({ outcome: 'failed', actions: [] });
  });

  it('fails for a key that does not belong to the named user', async () => {
    const account = freshAccount();

    const result = await revoke(account, { userName: 'alice', accessKeyId: 'AKIASANDBOXDEPLOY001' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('InvalidInputError');
    expect(result.error?.Cause).toContain('does not belong to IAM user alice');
    expect(keyStatuses(account, 'deploy-bot').AKIASANDBOXDEPLOY001).toBe('Active');
    expect(keyStatuses(account, 'alice').AKIASANDBOXALICE0001).toBe('Active');
    expect(messages(account)).toHaveLength(1);
  });

  it('fails for a malformed finding, naming the bad member', async () => {
    const account = freshAccount();
    const event = sampleEvent('iam-02-credential-access-anomalous');
    delete event.detail.severity;

    const result = await revoke(account, event);

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('InvalidInputError');
    expect(result.error?.Cause).toMatch(/malformed GuardDuty finding event: event\.detail\.severity/);
    expect(account.callsTo('IAM')).toEqual([]);
    expect(messages(account)).toHaveLength(1);
  });

  it('fails for a finding about something other than an access key', async () => {
    const account = freshAccount();
    const event = sampleEvent('iam-02-credential-access-anomalous');
    event.detail.resource = { resourceType: 'Instance', instanceDetails: { instanceId: 'i-01a10000000000001' } };

    const result = await revoke(account, event);

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('not an AccessKey');
  });

  it('fails when rotate is asked for temporary credentials', async () => {
    const account = freshAccount();

    const result = await revoke(account, { userName: 'alice', accessKeyId: 'ASIASANDBOXALICE0001', mode: 'rotate' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('rotate needs a long-term access key');
    expect(account.callsTo('IAM')).toEqual([]);
  });

  it('after containment, a failing rotation reports what it had already done', async () => {
    const account = freshAccount();

    // deploy-bot already has two keys: IAM's quota leaves no slot for a replacement.
    const result = await revoke(account, {
      userName: 'deploy-bot',
      accessKeyId: 'AKIASANDBOXDEPLOY002',
      mode: 'rotate',
    });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('KeyQuotaError');
    expect(keyStatuses(account, 'deploy-bot')).toEqual({
      AKIASANDBOXDEPLOY001: 'Active',
      AKIASANDBOXDEPLOY002: 'Inactive',
    });
    expect(Object.keys(user(account, 'deploy-bot').inlinePolicies ?? {})).toEqual([DENY_POLICY]);
    const [message] = messages(account);
    expect(message.text).toContain(
      `Changed before the failure: iam:UpdateAccessKey AKIASANDBOXDEPLOY002; iam:PutUserPolicy ${DENY_POLICY}`,
    );
    expect(reports(account, 'revoke-credentials')[0].actions.map((a: { action: string }) => a.action)).toEqual([
      'iam:UpdateAccessKey',
      'iam:PutUserPolicy',
    ]);
  });

  it('still notifies when the report cannot be written, after containing', async () => {
    const account = freshAccount({ faults: [{ service: 'S3', operation: 'PutObject', error: 'AccessDenied' }] });

    const result = await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('AccessDenied');
    expect(keyStatuses(account, 'deploy-bot').AKIASANDBOXDEPLOY002).toBe('Inactive');
    expect(messages(account).map((message) => message.subject)).toEqual([
      expect.stringContaining('Playbook revoke-credentials failed: AccessDenied'),
    ]);
  });

  it('retries IAM throttling and still revokes', async () => {
    const account = freshAccount({
      faults: [{ service: 'IAM', operation: 'UpdateAccessKey', error: 'Throttling', times: 1 }],
    });

    const result = await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));

    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('IAM', 'UpdateAccessKey').map((call) => call.errorCode)).toEqual(['Throttling', undefined]);
    expect(keyStatuses(account, 'deploy-bot').AKIASANDBOXDEPLOY002).toBe('Inactive');
  });
});
