import { describe, expect, it } from 'vitest';
import {
  DENY_POLICY,
  keyStatuses,
  messages,
  reports,
  restore,
  revoke,
  sampleEvent,
  user,
} from '../support/credentials.ts';
import { freshAccount } from '../support/sandbox.ts';

const QUARANTINE = 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3';

async function revokedAccount() {
  const account = freshAccount();
  user(account, 'deploy-bot').attachedPolicyArns.push(QUARANTINE);
  const revoked = await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));
  expect(revoked.status).toBe('SUCCEEDED');
  return account;
}

describe('restore-credentials on the sandbox', () => {
  it('re-enables the key and removes the deny-all policy, leaving the AWS quarantine policy', async () => {
    const account = await revokedAccount();

    const result = await restore(account, { userName: 'deploy-bot', accessKeyId: 'AKIASANDBOXDEPLOY002' });

    expect(result.status).toBe('SUCCEEDED');
    expect(keyStatuses(account, 'deploy-bot')).toEqual({
      AKIASANDBOXDEPLOY001: 'Active',
      AKIASANDBOXDEPLOY002: 'Active',
    });
    expect(user(account, 'deploy-bot').inlinePolicies ?? {}).not.toHaveProperty(DENY_POLICY);
    expect(user(account, 'deploy-bot').attachedPolicyArns).toContain(QUARANTINE);
    const [report] = reports(account, 'restore-credentials');
    expect(report).toMatchObject({ outcome: 'restored', awsQuarantinePoliciesLeftInPlace: [QUARANTINE] });
    expect(messages(account).at(-1)?.subject).toMatch(/Credentials of deploy-bot restored by hand/);
  });

  it('in a dry run lists what it would do and changes nothing', async () => {
    const account = await revokedAccount();
    const before = structuredClone(user(account, 'deploy-bot'));

    const result = await restore(
      account,
      { userName: 'deploy-bot', accessKeyId: 'AKIASANDBOXDEPLOY002' },
      { dryRun: true },
    );

    expect(result.status).toBe('SUCCEEDED');
    expect(user(account, 'deploy-bot')).toEqual(before);
    expect(
      reports(account, 'restore-credentials')[0].actions.map(
        (a: { outcome: string; action: string }) => `${a.outcome} ${a.action}`,
      ),
    ).toEqual(['dry-run iam:UpdateAccessKey', 'dry-run iam:DeleteUserPolicy']);
  });

  it('repeated, changes nothing and sends no second message', async () => {
    const account = await revokedAccount();
    await restore(account, { userName: 'deploy-bot', accessKeyId: 'AKIASANDBOXDEPLOY002' });
    const sent = messages(account).length;

    const result = await restore(account, { userName: 'deploy-bot', accessKeyId: 'AKIASANDBOXDEPLOY002' });

    expect(result.status).toBe('SUCCEEDED');
    expect(account.callsTo('IAM', 'UpdateAccessKey')).toHaveLength(2);
    expect(account.callsTo('IAM', 'DeleteUserPolicy')).toHaveLength(1);
    expect(messages(account)).toHaveLength(sent);
  });

  it('removes only the deny policy when no key is named', async () => {
    const account = await revokedAccount();

    const result = await restore(account, { userName: 'deploy-bot' });

    expect(result.status).toBe('SUCCEEDED');
    expect(keyStatuses(account, 'deploy-bot').AKIASANDBOXDEPLOY002).toBe('Inactive');
    expect(user(account, 'deploy-bot').inlinePolicies ?? {}).toEqual({});
  });

  it('fails clearly for an unknown user or a key of another user, changing nothing', async () => {
    const account = await revokedAccount();
    const before = structuredClone(account.state.global.iam);

    const unknown = await restore(account, { userName: 'mallory', accessKeyId: 'AKIASANDBOXMALLORY01' });
    const foreign = await restore(account, { userName: 'alice', accessKeyId: 'AKIASANDBOXDEPLOY002' });

    expect([unknown.error?.Error, foreign.error?.Error]).toEqual(['ResourceNotFoundError', 'InvalidInputError']);
    expect(account.state.global.iam).toEqual(before);
    const failures = messages(account).filter((message) => message.subject.includes('restore-credentials failed'));
    expect(failures).toHaveLength(2);
    expect(failures[1].text).toContain('Changed before the failure: nothing');
  });

  it('rejects a temporary key: only long-term keys can be re-enabled', async () => {
    const account = freshAccount();

    const result = await restore(account, { userName: 'alice', accessKeyId: 'ASIASANDBOXALICE0001' });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Cause).toContain('only long-term keys');
  });
});
