import { describe, expect, it } from 'vitest';
import type { UserWithPolicies } from '../../sandbox/services/iam/common.ts';
import {
  auditRecords,
  DENY_POLICY,
  dryRunsToSns,
  keyStatuses,
  messages,
  reports,
  revoke,
  roleInlinePolicies,
  sampleEvent,
  timeline,
  user,
} from '../support/credentials.ts';
import { freshAccount } from '../support/sandbox.ts';

describe('revoke-credentials on the sandbox: long-term keys', () => {
  it('deactivates exactly the compromised key, leaves the other key active and attaches the deny-all policy', async () => {
    const account = freshAccount();

    const result = await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));

    expect(result.status).toBe('SUCCEEDED');
    expect(keyStatuses(account, 'deploy-bot')).toEqual({
      AKIASANDBOXDEPLOY001: 'Active',
      AKIASANDBOXDEPLOY002: 'Inactive',
    });
    const denyAll = JSON.parse(user(account, 'deploy-bot').inlinePolicies?.[DENY_POLICY] ?? '{}');
    expect(denyAll.Statement).toEqual([expect.objectContaining({ Effect: 'Deny', Action: '*', Resource: '*' })]);
    expect(messages(account)).toHaveLength(1);
    expect(messages(account)[0].subject).toContain('AKIASANDBOXDEPLOY002');
    const [report] = reports(account, 'revoke-credentials');
    expect(report.outcome).toBe('revoked');
    expect(report.otherKeys).toEqual([
      expect.objectContaining({ accessKeyId: 'AKIASANDBOXDEPLOY001', status: 'Active' }),
    ]);
  });

  it('claims only what it did for a console session key (ASIA…): the user is denied, no key is said revoked', async () => {
    const account = freshAccount();
    const event = sampleEvent('iam-02-credential-access-anomalous');
    event.detail.resource.accessKeyDetails.accessKeyId = 'ASIASANDBOXCONSOLE01';

    const result = await revoke(account, event);

    expect(result.status).toBe('SUCCEEDED');
    expect(keyStatuses(account, 'deploy-bot')).toEqual({
      AKIASANDBOXDEPLOY001: 'Active',
      AKIASANDBOXDEPLOY002: 'Active',
    });
    expect(user(account, 'deploy-bot').inlinePolicies?.[DENY_POLICY]).toBeDefined();
    const [message] = messages(account);
    expect(message.subject).not.toMatch(/Revoked access key/);
    expect(message.subject).toContain('Denied IAM user deploy-bot');
    expect(message.text).not.toMatch(/Revoked access key|deactivated access key/i);
  });

  it('is idempotent under the repeated finding: nothing changes and no second message is sent', async () => {
    const account = freshAccount();
    await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));
    const before = structuredClone(user(account, 'deploy-bot'));

    const repeat = sampleEvent('iam-03-credential-access-anomalous-repeat');
    const result = await revoke(account, repeat);

    expect(repeat.detail.service.count).toBeGreaterThan(1);
    expect(result.status).toBe('SUCCEEDED');
    expect(user(account, 'deploy-bot')).toEqual(before);
    expect(account.callsTo('IAM', 'UpdateAccessKey')).toHaveLength(1);
    expect(account.callsTo('IAM', 'PutUserPolicy')).toHaveLength(1);
    expect(messages(account)).toHaveLength(1);
    expect(reports(account, 'revoke-credentials').map((report) => report.outcome)).toEqual(['revoked', 'already-done']);
  });

  it('in a dry run lists every action it would take and changes nothing', async () => {
    const account = freshAccount();
    const before = structuredClone(user(account, 'alice'));

    const result = await revoke(
      account,
      { userName: 'alice', accessKeyId: 'AKIASANDBOXALICE0001', mode: 'rotate' },
      { dryRun: true, config: dryRunsToSns() },
    );

    expect(result.status).toBe('SUCCEEDED');
    expect(user(account, 'alice')).toEqual(before);
    expect(account.state.regions['us-east-1'].secretsManager.secrets.map((secret) => secret.Name)).not.toContain(
      'idp-autopilot-access-keys/alice',
    );
    const planned = auditRecords(account).map((record) => `${record.outcome} ${record.action}`);
    expect(planned).toEqual([
      'dry-run iam:UpdateAccessKey',
      'dry-run iam:PutUserPolicy',
      'dry-run iam:CreateAccessKey',
      'dry-run secretsmanager:CreateSecret',
      'dry-run iam:DeleteAccessKey',
    ]);
    expect(messages(account)[0].subject).toMatch(/Dry run: would revoke/);
    expect([...account.callsTo('Slack'), ...account.callsTo('PagerDuty')]).toEqual([]);
  });

  it('rotates: stores a replacement key in Secrets Manager and deletes the old key only after the grace-period Wait', async () => {
    const account = freshAccount();

    const result = await revoke(account, { userName: 'alice', accessKeyId: 'AKIASANDBOXALICE0001', mode: 'rotate' });

    expect(result.status).toBe('SUCCEEDED');
    const keys = keyStatuses(account, 'alice');
    expect(Object.keys(keys)).not.toContain('AKIASANDBOXALICE0001');
    const [newKeyId] = Object.keys(keys);
    expect(keys[newKeyId]).toBe('Active');
    const secret = account.state.regions['us-east-1'].secretsManager.secrets.find(
      (candidate) => candidate.Name === 'idp-autopilot-access-keys/alice',
    );
    const stored = JSON.parse(secret?.versions[0].SecretString ?? '{}');
    expect(stored).toMatchObject({ UserName: 'alice', AccessKeyId: newKeyId, Replaces: 'AKIASANDBOXALICE0001' });
    expect(stored.SecretAccessKey).toMatch(/^\w{40}$/);
    const steps = timeline(result);
    const created = steps.indexOf('call:IAM.CreateAccessKey');
    const waited = steps.indexOf('state:Wait grace period');
    const deleted = steps.indexOf('call:IAM.DeleteAccessKey');
    expect(created).toBeGreaterThan(-1);
    expect(waited).toBeGreaterThan(created);
    expect(deleted).toBeGreaterThan(waited);
    expect(JSON.stringify(reports(account, 'revoke-credentials'))).not.toContain(stored.SecretAccessKey);
    expect(
      messages(account)
        .map((message) => message.text)
        .join('\n'),
    ).not.toContain(stored.SecretAccessKey);
  });

  it('lists keys and console passwords created shortly before the finding as possible persistence', async () => {
    const account = freshAccount();
    const event = sampleEvent('iam-01-unauthorized-access-malicious-ip');
    const seen = Date.now() - 3_600_000;
    event.detail.service.eventFirstSeen = new Date(seen).toISOString();
    event.detail.service.eventLastSeen = new Date(seen + 600_000).toISOString();
    const alice = user(account, 'alice');
    alice.accessKeys.push({
      UserName: 'alice',
      AccessKeyId: 'AKIASANDBOXALICE0002',
      Status: 'Active',
      CreateDate: new Date(seen - 7_200_000).toISOString(),
    });
    alice.loginProfile = {
      UserName: 'alice',
      CreateDate: new Date(seen - 600_000).toISOString(),
      PasswordResetRequired: false,
    };

    const result = await revoke(account, event);

    expect(result.status).toBe('SUCCEEDED');
    const [report] = reports(account, 'revoke-credentials');
    expect(report.persistenceSuspects).toEqual([
      expect.stringContaining('access key AKIASANDBOXALICE0002 (Active)'),
      expect.stringContaining('console password (login profile) created'),
    ]);
    expect(keyStatuses(account, 'alice')).toEqual({ AKIASANDBOXALICE0001: 'Inactive', AKIASANDBOXALICE0002: 'Active' });
    expect(messages(account)[0].text).toContain('Possible persistence');
  });

  it('leaves an AWS-attached quarantine policy as it is and says so', async () => {
    const account = freshAccount();
    const quarantine = 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3';
    user(account, 'deploy-bot').attachedPolicyArns.push(quarantine);

    await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));

    expect(user(account, 'deploy-bot').attachedPolicyArns).toContain(quarantine);
    expect(reports(account, 'revoke-credentials')[0].awsQuarantinePoliciesLeftInPlace).toEqual([quarantine]);
  });

  it('does not attach the deny-all policy when config says not to', async () => {
    const account = freshAccount();
    const { loadStageConfig } = await import('../../functions/playbooks.ts');
    const config = loadStageConfig({ stage: 'dev' });
    config.playbooks.revokeCredentials.attachDenyPolicy = false;
    const { runPlaybook } = await import('../../cli/runner.ts');

    const result = await runPlaybook({
      playbook: 'revoke-credentials',
      input: sampleEvent('iam-02-credential-access-anomalous'),
      account,
      config,
      skipWaits: true,
    });

    expect(result.status).toBe('SUCCEEDED');
    expect(keyStatuses(account, 'deploy-bot').AKIASANDBOXDEPLOY002).toBe('Inactive');
    expect(user(account, 'deploy-bot').inlinePolicies ?? {}).toEqual({});
  });
});

describe('revoke-credentials on the sandbox: exemptions and late repeats', () => {
  it('only notifies for a user carrying the exemption tag', async () => {
    const account = freshAccount();
    user(account, 'deploy-bot').Tags?.push({ Key: 'autopilot:exempt', Value: 'true' });

    const result = await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));

    expect(result.status).toBe('SUCCEEDED');
    expect(keyStatuses(account, 'deploy-bot').AKIASANDBOXDEPLOY002).toBe('Active');
    expect(messages(account)[0].subject).toMatch(/Not revoked/);
    expect(reports(account, 'revoke-credentials')[0].reason).toContain('exemption tag autopilot:exempt');
  });

  it('treats a finding about a key it already rotated away as done: no failure, no second message', async () => {
    const account = freshAccount();
    await revoke(account, { userName: 'alice', accessKeyId: 'AKIASANDBOXALICE0001', mode: 'rotate' });
    const sent = messages(account).length;

    const late = await revoke(account, sampleEvent('iam-01-unauthorized-access-malicious-ip'));

    expect(late.status).toBe('SUCCEEDED');
    expect(messages(account)).toHaveLength(sent);
    expect(reports(account, 'revoke-credentials').at(-1)?.outcome).toBe('already-done');
  });
});

describe('revoke-credentials on the sandbox: temporary credentials, root and samples', () => {
  it("revokes an assumed role's older sessions and reports how many principals share the role", async () => {
    const account = freshAccount();
    const event = sampleEvent('iam-11-instance-credential-exfiltration');

    const result = await revoke(account, event);

    expect(result.status).toBe('SUCCEEDED');
    const policy = JSON.parse(roleInlinePolicies(account, 'idp-api-gateway-role').AWSRevokeOlderSessions ?? '{}');
    const cutoff = policy.Statement[0].Condition.DateLessThan['aws:TokenIssueTime'];
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Deny', Action: ['*'], Resource: ['*'] });
    expect(Date.parse(cutoff)).toBeGreaterThanOrEqual(Date.parse(event.detail.service.eventLastSeen));
    const [report] = reports(account, 'revoke-credentials');
    expect(report.role).toMatchObject({
      trustedPrincipals: ['Service: ec2.amazonaws.com'],
      instanceProfiles: ['idp-api-gateway-profile'],
      principalsSharingIt: 2,
    });
    expect(messages(account)[0].text).toContain('Principals sharing the role: 2');

    const repeat = await revoke(account, event);
    expect(repeat.status).toBe('SUCCEEDED');
    expect(account.callsTo('IAM', 'PutRolePolicy')).toHaveLength(1);
    expect(messages(account)).toHaveLength(1);
  });

  it('only notifies for a root finding and for a GuardDuty sample finding', async () => {
    const account = freshAccount();
    const iamBefore = structuredClone(account.state.global.iam);

    const root = await revoke(account, sampleEvent('iam-12-root-tor-caller'));
    const sample = await revoke(account, sampleEvent('iam-13-sample-finding'));

    expect([root.status, sample.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(account.state.global.iam).toEqual(iamBefore);
    expect(auditRecords(account)).toEqual([]);
    const [rootMessage, sampleMessage] = messages(account);
    expect(rootMessage.subject).toMatch(/^\[SEV1\] Not revoked: .*root user/);
    expect(sampleMessage.subject).toMatch(/^\[SEV4\] Sample finding/);
  });

  it("only notifies (SEV2) for a finding from an account that is not one of the stage's", async () => {
    const account = freshAccount();
    const event = sampleEvent('iam-02-credential-access-anomalous');
    event.detail.accountId = '999988887777';

    const result = await revoke(account, event);

    expect(result.status).toBe('SUCCEEDED');
    expect(keyStatuses(account, 'deploy-bot').AKIASANDBOXDEPLOY002).toBe('Active');
    expect(reports(account, 'revoke-credentials')[0].reason).toContain('account 999988887777');
    expect(messages(account)[0].subject).toMatch(/^\[SEV2\] Not revoked/);
    expect(account.callsTo('IAM')).toEqual([]);
  });

  it('revokes in the member account a finding names, through its member role, and nowhere else', async () => {
    const account = freshAccount();
    const homeBefore = structuredClone(account.state.global.iam);
    const event = sampleEvent('iam-02-credential-access-anomalous');
    event.detail.accountId = '210987654321';
    event.detail.resource.accessKeyDetails.userName = 'staging-deployer';
    event.detail.resource.accessKeyDetails.accessKeyId = 'AKIASTAGINGDEPLOY001';

    const result = await revoke(account, event);

    expect(result.status).toBe('SUCCEEDED');
    const staging = account.state.members!['210987654321'].global.iam;
    const deployer = staging.users.find((u) => u.UserName === 'staging-deployer') as UserWithPolicies;
    expect(deployer.accessKeys.map((key) => key.Status)).toEqual(['Inactive']);
    expect(Object.keys(deployer.inlinePolicies ?? {})).toEqual([DENY_POLICY]);
    expect(account.state.global.iam).toEqual(homeBefore);
    expect(account.callsTo('STS', 'AssumeRole')).toHaveLength(1);
  });
});
