// Input refused at run time (an id the account does not have) is nobody's outage in any playbook: the notice is
// the "input rejected" one, to SNS (the channel of record) only: no Slack post, no page.
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { freshAccount } from '../support/sandbox.ts';

const cases: [string, Record<string, unknown>][] = [
  ['scale-capacity', { target: 'asg', autoScalingGroupName: 'no-such-asg', desiredCapacity: 3 }],
  ['point-in-time-restore', { sourceClusterId: 'no-such-cluster', restoreTime: '2 hours ago' }],
  ['traffic-shift', { service: 'idp-nope' }],
];

describe('input refused while a playbook runs', () => {
  it.each(cases)('%s: one "input rejected" notice to SNS, nothing to Slack or PagerDuty', async (playbook, input) => {
    const account = freshAccount();

    const result = await runPlaybook({ playbook, input, account, skipWaits: true });

    expect(result.status).toBe('FAILED');
    const published = account.callsTo('SNS', 'Publish').map((call) => (call.input as { Message: string }).Message);
    expect(published).toHaveLength(1);
    expect(published[0]).toContain('AUTOPILOT INPUT REJECTED');
    expect([...account.callsTo('Slack'), ...account.callsTo('PagerDuty')]).toEqual([]);
  });
});
