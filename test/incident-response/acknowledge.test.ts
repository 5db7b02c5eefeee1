import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveAccount } from '../../sandbox/store.ts';
import { ALARM, ALARM_AT, accountAt, kinds, record, run, sampleEvent, updates } from './support.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** The CLI on a saved sandbox account where the 5xx ALARM opened INC-20261126-001 (its file in `work`). */
async function cliOnOpenIncident() {
  const work = mkdtempSync(join(tmpdir(), 'autopilot-ack-'));
  const account = accountAt(ALARM_AT);
  await run(account, sampleEvent(ALARM));
  saveAccount(account, join(work, 'sandbox.json'));
  // The CLI reads where the sandbox is saved when it loads.
  vi.stubEnv('AUTOPILOT_SANDBOX_FILE', join(work, 'sandbox.json'));
  vi.stubEnv('AUTOPILOT_OUT_DIR', join(work, 'out'));
  vi.resetModules();
  const { main } = await import('../../cli/autopilot.ts');
  return { main, work };
}

describe('incident-response: acknowledging an incident', () => {
  it('records an acknowledgement by request, tells the channels, stops the escalation and releases the alert link', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    const sentBefore = updates(account).length;
    vi.setSystemTime(new Date('2026-11-26T09:10:00.000Z'));

    const result = await run(account, { acknowledge: 'INC-20261126-001', by: 'alice', note: 'on it' });

    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({
      summary: 'INC-20261126-001 acknowledged by alice: escalation stopped, updates go on',
    });
    const told = updates(account).slice(sentBefore);
    expect(told).toHaveLength(1);
    expect(told[0].Subject).toBe('[SEV2] INC-20261126-001 acknowledged: idp-prod-api-5xx is ALARM');
    expect(told[0].Message).toMatch(
      /- Current Status: Acknowledged by alice at 2026-11-26 09:\d\d UTC; mitigation in progress/,
    );
    expect(told[0].Message).not.toContain('- Acknowledge:');
    const incident = await record(account, 'INC-20261126-001');
    expect(incident.acknowledged).toMatchObject({ by: 'alice', via: 'request', note: 'on it' });
    expect(incident.schedule.nextEscalationAt).toBeUndefined();
    // The alert's link (the opening execution's task token) is completed, so that execution moves on.
    expect(account.callsTo('SFN', 'SendTaskSuccess').map((call) => call.input)).toEqual([
      {
        taskToken: incident.ackLink!.token,
        output: JSON.stringify({ acknowledged: true, by: 'alice', via: 'request' }),
      },
    ]);
  });

  it('escalates no further once acknowledged: the next updates say who acknowledged', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    await run(account, { acknowledge: 'INC-20261126-001', by: 'alice' });
    const before = (await record(account, 'INC-20261126-001')).schedule.escalationLevel;

    await run(account, { follow: 'INC-20261126-001' });

    const incident = await record(account, 'INC-20261126-001');
    expect(incident.schedule.escalationLevel).toBe(before);
    const last = updates(account).at(-1)!;
    expect(last.Message).toContain('- Current Status: Acknowledged by alice');
    expect(kinds(incident).slice(-2)).toEqual(['update', 'update']);
  });

  it('takes the answer of the alert link as an acknowledgement (the rehearsal approves the waiting task)', async () => {
    const account = accountAt(ALARM_AT);
    const result = await run(account, sampleEvent(ALARM), { approval: 'approve' });

    expect(result.status).toBe('SUCCEEDED');
    const incident = await record(account, 'INC-20261126-001');
    expect(incident.acknowledged).toMatchObject({ by: 'autopilot-cli', via: 'link' });
    expect(incident.timeline.find((entry) => entry.kind === 'acknowledged')?.text).toBe(
      'Acknowledged by autopilot-cli (alert link)',
    );
  });

  it('changes nothing when acknowledged again, and says who acknowledged first', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    await run(account, { acknowledge: 'INC-20261126-001', by: 'alice' });
    const sent = updates(account).length;

    const again = await run(account, { acknowledge: 'INC-20261126-001', by: 'bob' });

    expect((again.output as { summary: string }).summary).toMatch(/^INC-20261126-001 was acknowledged by alice at /);
    expect(updates(account)).toHaveLength(sent);
    expect((await record(account, 'INC-20261126-001')).acknowledged?.by).toBe('alice');
  });

  it('a dry run says what it would record and records nothing', async () => {
    const account = accountAt(ALARM_AT);
    await run(account, sampleEvent(ALARM));
    const result = await run(account, { acknowledge: 'INC-20261126-001', by: 'alice', dryRun: true });

    expect((result.output as { summary: string }).summary).toBe(
      'would record INC-20261126-001 as acknowledged by alice',
    );
    expect((await record(account, 'INC-20261126-001')).acknowledged).toBeUndefined();
  });

  it('refuses an unknown incident by name, and a request without who acknowledges', async () => {
    const account = accountAt(ALARM_AT);
    const unknown = await run(account, { acknowledge: 'INC-20261126-042', by: 'alice' });
    expect(unknown.status).toBe('FAILED');
    expect(unknown.error).toMatchObject({ Error: 'ResourceNotFoundError' });
    expect(unknown.error?.Cause).toContain('incident INC-20261126-042 not found');
    const nobody = await run(account, { acknowledge: 'INC-20261126-001' });
    expect(nobody.error).toMatchObject({ Error: 'InvalidInputError', Cause: 'input.by: who acknowledges (a name)' });
  });

  it('`autopilot ack` acknowledges on the saved sandbox account and `autopilot incidents` shows who did', async () => {
    const { main } = await cliOnOpenIncident();
    const lines: string[] = [];

    const acked = await main(['ack', 'INC-20261126-001', '--by', 'carol', '--quiet'], (line) => lines.push(line));
    const listed = await main(['incidents'], (line) => lines.push(line));

    expect([acked, listed], lines.join('\n')).toEqual([0, 0]);
    expect(lines.join('\n')).toContain('INC-20261126-001 acknowledged by carol');
    const row = lines.find((line) => line.startsWith('INC-20261126-001'))!;
    expect(row).toMatch(
      /^INC-20261126-001\s+SEV2\s+open \(ALARM\)\s+idp-prod-api-5xx \(us-east-1\)\s+\S.*\s+carol\s+2026-11-26T/,
    );
    expect(await main(['ack', 'INC-1'], () => {})).toBe(2);
  });

  it('`autopilot ack` refuses an incident that does not exist, or no name, before anything runs: exit 2, nothing sent', async () => {
    const { main, work } = await cliOnOpenIncident();
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const before = readFileSync(join(work, 'sandbox.json'), 'utf8');

    try {
      const unknown = await main(['ack', 'INC-20991231-999', '--by', 'bob'], () => {});
      const nameless = await main(['ack', 'INC-20261126-001', '--by', ''], () => {});

      expect([unknown, nameless]).toEqual([2, 2]);
      expect(errors[0]).toContain('INC-20991231-999');
      expect(errors[0]).toContain('autopilot incidents');
      expect(errors[1]).toContain('--by');
      expect(readFileSync(join(work, 'sandbox.json'), 'utf8')).toBe(before);
    } finally {
      spy.mockRestore();
    }
  });
});
