// What the shared Catch target (playbook-failed) tells whom: refused input is reported to SNS only as rejected
// input; any other failure is the outage alert on every channel.
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { freshAccount } from '../support/sandbox.ts';

const run = (account: SandboxAccount, input: object = {}) =>
  runPlaybook({ playbook: 'guardduty-hardening', input, account, skipWaits: true });

const published = (account: SandboxAccount) =>
  account.callsTo('SNS', 'Publish').map((call) => call.input as { Subject: string; Message: string });

describe('the failure notice of guardduty-hardening', () => {
  it('reports refused input as rejected input, to SNS only', async () => {
    const account = freshAccount();
    const result = await run(account, { regions: ['eu-west-1'] });

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('InvalidInputError');
    const [notice] = published(account);
    expect(notice.Subject).toBe('[SEV4] Playbook guardduty-hardening failed: InvalidInputError');
    expect(notice.Message).toMatch(/^\S+ AUTOPILOT INPUT REJECTED \[SEV4\]\n/);
    expect(notice.Message).toContain('us-east-1, us-west-2');
    expect(notice.Message).not.toContain('SERVICE DISRUPTION');
    expect(account.callsTo('Slack')).toEqual([]);
    expect(account.callsTo('PagerDuty')).toEqual([]);
  });

  // A region's failure fails that region only (the report lists it); the report itself failing fails the run.
  it('reports any other failure with the outage alert, in Slack too', async () => {
    const account = freshAccount({
      faults: [{ service: 'S3', operation: 'PutObject', error: 'AccessDenied' }],
    });
    const result = await run(account);

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('AccessDenied');
    const [notice] = published(account);
    expect(notice.Subject).toBe('[SEV3] Playbook guardduty-hardening failed: AccessDenied');
    expect(notice.Message).toMatch(/SERVICE DISRUPTION ALERT \[SEV3\]/);
    expect(account.callsTo('Slack')).toHaveLength(1);
  });

  it('still gets the failure notice out when SNS fails most publishes, and the run keeps its own error', async () => {
    // A burst of 35 throttled publishes (more than an ordinary step's 5 SDK attempts x 6 state machine tries),
    // then 60 % of publishes fail. The sandbox's SDK retries wait nothing; the state machine's are skipped by skipWaits.
    const account = freshAccount({
      faults: [
        { service: 'S3', operation: 'PutObject', error: 'AccessDenied' },
        { service: 'SNS', operation: 'Publish', times: 35 },
        { service: 'SNS', operation: 'Publish', probability: 0.6 },
      ],
    });
    const result = await run(account);

    expect(result.status).toBe('FAILED');
    expect(result.error?.Error).toBe('AccessDenied');
    const publishes = account.callsTo('SNS', 'Publish');
    expect(publishes.filter((call) => call.errorCode).length).toBeGreaterThanOrEqual(35);
    const delivered = published(account).filter((_, index) => !publishes[index].errorCode);
    expect(delivered.map((notice) => notice.Subject)).toEqual([
      '[SEV3] Playbook guardduty-hardening failed: AccessDenied',
    ]);
  });
});
