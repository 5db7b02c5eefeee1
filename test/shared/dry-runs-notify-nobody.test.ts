// Every playbook's dry run, done or refused, reaches no human: with notifications.dryRuns off (the default) no SNS
// message, no Slack post and no PagerDuty event leaves, whatever the playbook's own notices say.
import { describe, expect, it } from 'vitest';
import { runPlaybook } from '../../cli/runner.ts';
import { playbooks } from '../../functions/playbooks.ts';
import { freshAccount } from '../support/sandbox.ts';

const sent = (account: ReturnType<typeof freshAccount>) => [
  ...account.callsTo('SNS', 'Publish'),
  ...account.callsTo('Slack'),
  ...account.callsTo('PagerDuty'),
];

describe('a dry run of any playbook', () => {
  // Playbooks whose input takes dryRun (cost-report only reads: it has none).
  const dryRunnable = playbooks.filter(
    (m) =>
      m.example &&
      (m.input as { safeParse(v: unknown): { success: boolean } }).safeParse({ ...m.example.input, dryRun: true })
        .success,
  );
  it('covers every playbook that has a dry run', () => {
    expect(dryRunnable.map((m) => m.name)).toHaveLength(playbooks.length - 1);
  });

  for (const manifest of dryRunnable) {
    it(`${manifest.name}: its example as a dry run sends nothing`, async () => {
      const account = freshAccount();
      await runPlaybook({
        playbook: manifest.name,
        input: manifest.example!.input,
        dryRun: true,
        approval: 'approve',
        skipWaits: true,
        account,
      });
      expect(sent(account).map((call) => `${call.service} ${call.operation}`)).toEqual([]);
    });
  }

  it('traffic-shift refusing an unknown service in a dry run sends nothing', async () => {
    const account = freshAccount();
    const result = await runPlaybook({
      playbook: 'traffic-shift',
      input: { service: 'idp-nope' },
      dryRun: true,
      skipWaits: true,
      account,
    });
    expect(result.status).toBe('FAILED');
    expect(sent(account)).toEqual([]);
  });

  it('contain-instance refusing an instance that does not exist in a dry run sends nothing', async () => {
    const account = freshAccount();
    const result = await runPlaybook({
      playbook: 'contain-instance',
      input: { instanceId: 'i-0000000000000dead', reason: 'rehearsal of the runbook' },
      dryRun: true,
      skipWaits: true,
      account,
    });
    expect(result.status).toBe('FAILED');
    expect(sent(account)).toEqual([]);
  });
});
