// The revoke-credentials steps one by one on a sandbox account: the idempotency and safety rules that a whole
// playbook run cannot reach (a retry after a crash, a human restoring during the grace period).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReplacement } from '../../functions/revoke-credentials/create-replacement/replace.ts';
import { deleteCompromisedKey } from '../../functions/revoke-credentials/delete-key/delete.ts';
import { revokeOlderSessions } from '../../functions/revoke-credentials/role-sessions/sessions.ts';
import { AuditTrail } from '../../functions/shared/audit/audit.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { installSandbox } from '../../sandbox/intercept.ts';
import { keyStatuses, roleInlinePolicies, user } from '../support/credentials.ts';
import { freshAccount } from '../support/sandbox.ts';

const REGION = 'us-east-1';
let account: SandboxAccount;
let uninstall: () => void;

function setUp(options: Parameters<typeof freshAccount>[0] = {}) {
  account = freshAccount(options);
  uninstall = installSandbox(account);
}

beforeEach(() => setUp());
afterEach(() => uninstall());

const audit = () =>
  new AuditTrail({
    account: '123456789012',
    client: awsClient(EventBridgeClient, REGION),
    busName: 'default',
    playbook: 'revoke-credentials',
    executionId: 'test',
  });
const iam = () => awsClient(IAMClient, REGION);
const secrets = () => awsClient(SecretsManagerClient, REGION);
const aliceTarget = {
  userName: 'alice',
  userArn: 'arn:aws:iam::123456789012:user/alice',
  compromisedKeyId: 'AKIASANDBOXALICE0001',
  secretName: 'idp-autopilot-access-keys/alice',
  region: REGION,
  dryRun: false,
  executionId: 'arn:aws:states:us-east-1:123456789012:execution:test:one',
};

describe('creating the replacement key', () => {
  it('is idempotent: a retried step finds its own replacement and creates no second key', async () => {
    const first = await createReplacement(iam(), secrets(), audit(), aliceTarget);
    const trail = audit();

    const second = await createReplacement(iam(), secrets(), trail, aliceTarget);

    expect(second.newAccessKeyId).toBe(first.newAccessKeyId);
    expect(account.callsTo('IAM', 'CreateAccessKey')).toHaveLength(1);
    expect(trail.records.map((record) => record.outcome)).toEqual(['already-done']);
  });

  it('takes the new key back when the secret cannot be stored, so no unusable key is left behind', async () => {
    uninstall();
    setUp({ faults: [{ service: 'SecretsManager', operation: 'CreateSecret', error: 'EncryptionFailure' }] });
    const trail = audit();

    await expect(createReplacement(iam(), secrets(), trail, aliceTarget)).rejects.toMatchObject({
      name: 'EncryptionFailure',
    });

    expect(keyStatuses(account, 'alice')).toEqual({ AKIASANDBOXALICE0001: 'Active' });
    expect(trail.records.map((record) => `${record.outcome} ${record.action}`)).toEqual([
      'done iam:CreateAccessKey',
      'done iam:DeleteAccessKey',
    ]);
  });
});

describe('deleting the compromised key after the grace period', () => {
  const target = {
    userName: 'alice',
    userArn: aliceTarget.userArn,
    accessKeyId: 'AKIASANDBOXALICE0001',
    region: REGION,
    dryRun: false,
  };

  it('leaves a key that a human re-activated during the grace period', async () => {
    const trail = audit();

    const deletion = await deleteCompromisedKey(iam(), trail, target);

    expect(deletion).toMatchObject({ deleted: false, reason: expect.stringContaining('re-activated') });
    expect(keyStatuses(account, 'alice')).toEqual({ AKIASANDBOXALICE0001: 'Active' });
    expect(trail.records[0].outcome).toBe('skipped');
  });

  it('deletes an inactive key and counts a key already gone as done', async () => {
    user(account, 'alice').accessKeys[0].Status = 'Inactive';

    await deleteCompromisedKey(iam(), audit(), target);
    const trail = audit();
    const again = await deleteCompromisedKey(iam(), trail, target);

    expect(keyStatuses(account, 'alice')).toEqual({});
    expect(again.deleted).toBe(true);
    expect(trail.records[0].outcome).toBe('already-done');
  });
});

describe("revoking a role's older sessions", () => {
  const target = {
    roleName: 'idp-api-gateway-role',
    roleArn: 'arn:aws:iam::123456789012:role/idp-api-gateway-role',
    region: REGION,
    dryRun: false,
  };

  it('revokes again when the finding shows activity after the earlier cut-off, and not when it does not', async () => {
    await revokeOlderSessions(iam(), audit(), {
      ...target,
      cutoff: '2026-03-11T08:00:00.000Z',
      coveredIfAfter: '2026-03-11T07:51:09.000Z',
    });
    const covered = audit();
    await revokeOlderSessions(iam(), covered, {
      ...target,
      cutoff: '2026-03-11T09:00:00.000Z',
      coveredIfAfter: '2026-03-11T07:59:00.000Z',
    });
    const later = audit();
    await revokeOlderSessions(iam(), later, {
      ...target,
      cutoff: '2026-03-11T10:00:00.000Z',
      coveredIfAfter: '2026-03-11T09:30:00.000Z',
    });

    expect(covered.records[0].outcome).toBe('already-done');
    expect(later.records[0].outcome).toBe('done');
    const policy = JSON.parse(roleInlinePolicies(account, 'idp-api-gateway-role').AWSRevokeOlderSessions);
    expect(policy.Statement[0].Condition.DateLessThan['aws:TokenIssueTime']).toBe('2026-03-11T10:00:00.000Z');
  });
});
