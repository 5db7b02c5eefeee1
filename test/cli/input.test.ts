// Bad input never runs anything: the CLI checks a run's input against the playbook's manifest, its flags against
// the configuration, and counts an execution that failed on input it could only check while running as bad input.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readableCause } from '../../cli/print.ts';

const work = mkdtempSync(join(tmpdir(), 'autopilot-input-'));
process.env.AUTOPILOT_SANDBOX_FILE = join(work, 'sandbox.json');
process.env.AUTOPILOT_OUT_DIR = join(work, 'out');
const { main } = await import('../../cli/autopilot.ts');
const { exitCodeOf } = await import('../../cli/commands.ts');

async function cli(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  try {
    const code = await main(argv, (line) => lines.push(line));
    return { code, out: lines.join('\n'), err: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const sandboxFile = () => readFileSync(process.env.AUTOPILOT_SANDBOX_FILE!, 'utf8');

beforeAll(async () => {
  expect((await cli('sandbox', 'reset')).code).toBe(0);
});
afterAll(() => {
  delete process.env.AUTOPILOT_SANDBOX_FILE;
  delete process.env.AUTOPILOT_OUT_DIR;
});

describe('autopilot run checks the input against the playbook manifest before anything runs', () => {
  it.each([
    [
      'release-instance',
      '{"instanceId":"i-01a100000000000b1","reason":"false positive","force":true}',
      'Unrecognized key: "force"',
    ],
    ['guardduty-hardening', '{"regions":"us-east-1"}', 'input.regions'],
    ['contain-instance', '{"instanceId":"i-nope","reason":"tor traffic"}', 'input.instanceId'],
    ['restore-credentials', '{"accessKeyId":"AKIASANDBOXDEPLOY002"}', 'input.userName'],
    ['traffic-shift', '{"service":"idp-nope"}', 'input.service: idp-nope is not configured'],
  ])(
    'refuses %s with %s naming the field, exit 2, sandbox byte-identical, nobody notified',
    async (playbook, input, field) => {
      const before = sandboxFile();
      const { code, out, err } = await cli('run', playbook, '--input', input, '--approve');
      expect(code).toBe(2);
      expect(err).toContain(field);
      expect(err.split('\n')).toHaveLength(1);
      expect(out).not.toContain('execution started');
      expect(sandboxFile()).toBe(before);
      expect(existsSync(join(work, 'out', 'sns'))).toBe(false);
    },
  );

  it('shows the input the playbook takes when it refuses one', async () => {
    const { err } = await cli('run', 'guardduty-hardening', '--input', '{"regions":"us-east-1"}');
    expect(err).toContain('{regions?: string[], accounts?: string[], dryRun?: boolean}');
  });

  it('of a playbook that takes alternatives, shows the one the input came closest to', async () => {
    const { err } = await cli('run', 'contain-instance', '--input', '{"instanceId":"i-nope","reason":"tor traffic"}');
    expect(err).toContain('contain-instance takes {instanceId: string, reason: string');
    expect(err).not.toContain('GuardDuty Finding');
  });
});

describe('autopilot flags checked against the configuration', () => {
  it('refuses a well-formed --region that is not configured, naming the configured ones', async () => {
    const before = sandboxFile();
    const { code, err } = await cli('run', 'guardduty-hardening', '--region', 'eu-west-1', '--skip-waits');
    expect(code).toBe(2);
    expect(err).toContain('--region eu-west-1 is not one of the configured regions (us-east-1, us-west-2)');
    expect(sandboxFile()).toBe(before);
  });

  it.each([
    [['run', 'guardduty-hardening', 'extra-arg', '--dry-run'], 'unexpected extra-arg'],
    [['event', 'events/guardduty/ec2-01-backdoor-cc-activity.json', '--input', '{"a":1}'], '--input'],
    [['run', 'guardduty-hardening', '--input', './missing.json'], '--input: no file ./missing.json'],
  ])('refuses what it would otherwise ignore: %j, exit 2, nothing run', async (argv, named) => {
    const before = sandboxFile();
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(named);
    expect(sandboxFile()).toBe(before);
  });

  it('refuses --latency with --live (latency is simulated on the sandbox only)', async () => {
    const { code, err } = await cli('run', 'guardduty-hardening', '--live', '--latency', '100');
    expect(code).toBe(2);
    expect(err).toContain('--latency');
    expect(err).toContain('--live');
  });
});

describe('autopilot exit codes of executions that failed', () => {
  it('exits 2 when the execution failed on a referenced id that does not exist', async () => {
    const { code, out } = await cli(
      'run',
      'release-instance',
      '--input',
      '{"instanceId":"i-0123456789abcdef0","reason":"false positive"}',
      '--approve',
      '--quiet',
    );
    expect(out).toContain('ResourceNotFoundError');
    expect(code).toBe(2);
  });

  it('exits 2 when the execution failed on input only the run could check', async () => {
    const { code, out } = await cli(
      'run',
      'release-instance',
      '--input',
      '{"instanceId":"i-01a100000000000b1","reason":"nothing was contained"}',
      '--approve',
      '--quiet',
    );
    expect(out).toContain('InvalidInputError');
    expect(code).toBe(2);
  });

  it('counts a run that failed for another reason as a failed run (1), and bad input only when all failures were', () => {
    const run = (status: 'SUCCEEDED' | 'FAILED', error?: string) =>
      ({ status, error: error ? { Error: error, Cause: '' } : undefined }) as never;
    expect(exitCodeOf([run('SUCCEEDED')])).toBe(0);
    expect(exitCodeOf([run('FAILED', 'ApprovalRejected')])).toBe(1);
    expect(exitCodeOf([run('FAILED', 'InvalidInputError'), run('FAILED', 'VerificationFailedError')])).toBe(1);
    expect(exitCodeOf([run('SUCCEEDED'), run('FAILED', 'ResourceNotFoundError')])).toBe(2);
  });

  it('still runs a valid input to the end (exit 0)', async () => {
    const { code } = await cli('run', 'guardduty-hardening', '--input', '{"regions":["us-east-1"]}', '--quiet');
    expect(code).toBe(0);
  });
});

describe('a failed run as the CLI prints it', () => {
  it('reads a JSON cause as its message, not as raw JSON', () => {
    const cause = JSON.stringify({
      summary: 'traffic-shift refused idp-nope: no such service',
      reason: 'x',
      error: 'E',
    });
    expect(readableCause(cause)).toBe('traffic-shift refused idp-nope: no such service');
    expect(readableCause('{"errorType":"E","errorMessage":"it broke"}')).toBe('it broke');
    expect(readableCause('plain words')).toBe('plain words');
  });
});
