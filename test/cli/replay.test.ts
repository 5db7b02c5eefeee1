import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchingPlaybooks } from '../../cli/route.ts';
import { loadPlaybooks, runPlaybook } from '../../cli/runner.ts';
import { projectRoot } from '../../functions/shared/config/files.ts';
import { withQuarantineProfile } from '../support/instance.ts';
import { freshAccount } from '../support/sandbox.ts';

const eventFiles = readdirSync(join(projectRoot, 'events'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json') && !file.startsWith('manual'))
  .sort();

describe('every sample event delivered twice (EventBridge delivers at least once)', () => {
  it('sends nothing the second time, on any channel', async () => {
    const { service } = loadPlaybooks({ stage: 'dev' });
    const account = withQuarantineProfile(freshAccount());
    const deliver = async () => {
      for (const file of eventFiles) {
        const event = JSON.parse(readFileSync(join(projectRoot, 'events', file), 'utf8'));
        for (const machine of matchingPlaybooks(service, event)) {
          const result = await runPlaybook({ playbook: machine.playbook, input: event, account, skipWaits: true });
          expect(result.status, `${file} -> ${machine.playbook}`).toBe('SUCCEEDED');
        }
      }
    };
    const sent = () =>
      ['SNS', 'Slack', 'PagerDuty'].flatMap((channel) =>
        account.calls.filter((call) => call.service === channel && !call.errorCode),
      ).length;

    await deliver();
    const first = sent();
    const firstCalls = account.calls.length;
    await deliver();

    expect(first).toBeGreaterThan(10);
    const again = account.calls
      .slice(firstCalls)
      .filter((call) => ['SNS', 'Slack', 'PagerDuty'].includes(call.service) && !call.errorCode)
      .map(
        (call) =>
          `${call.service}: ${(call.input as { Subject?: string; text?: string }).Subject ?? (call.input as { text?: string }).text ?? JSON.stringify(call.input).slice(0, 120)}`,
      );
    expect(again).toEqual([]);
  }, 120_000);
});
