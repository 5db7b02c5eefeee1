// `autopilot doctor`: one line per prerequisite of the stack, ✔ or ✘ with how to fix it; exit 0 only when all pass.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../functions/playbooks.ts';
import { SandboxAccount } from '../../sandbox/account.ts';
import { runCli } from '../support/cli-process.ts';
import { readBack } from '../support/sandbox.ts';

const work = mkdtempSync(join(tmpdir(), 'autopilot-doctor-'));
const sandboxPath = join(work, 'sandbox.json');
process.env.AUTOPILOT_SANDBOX_FILE = sandboxPath;
process.env.AUTOPILOT_OUT_DIR = join(work, 'out');
const { main } = await import('../../cli/autopilot.ts');
const { checkLine } = await import('../../cli/doctor.ts');
const { runCheck, stackChecks } = await import('../../cli/doctor-checks.ts');

async function cli(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  try {
    const code = await main(argv, (line) => lines.push(line));
    return { code, lines, out: lines.join('\n'), err: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

function editSandbox(edit: (state: Record<string, any>) => void): void {
  const state = JSON.parse(readFileSync(sandboxPath, 'utf8'));
  edit(state);
  writeFileSync(sandboxPath, JSON.stringify(state));
}

beforeEach(async () => {
  expect((await cli('sandbox', 'reset')).code).toBe(0);
});
afterAll(() => {
  delete process.env.AUTOPILOT_SANDBOX_FILE;
  delete process.env.AUTOPILOT_OUT_DIR;
});

describe('autopilot doctor on the sandbox', () => {
  it('passes every check on the seed, one line each, and changes nothing', async () => {
    const before = readFileSync(sandboxPath, 'utf8');
    const { code, lines } = await cli('doctor');
    expect(code).toBe(0);
    const checks = lines.filter((line) => /^[✔✘] /.test(line));
    expect(checks.every((line) => line.startsWith('✔ '))).toBe(true);
    for (const expected of [
      /credentials: .*account 123456789012/,
      /reports bucket idp-autopilot-dev-reports-123456789012/,
      /notification topic arn:aws:sns:us-east-1:123456789012:idp-autopilot-dev-notifications/,
      /quarantine instance profile idp-autopilot-quarantine/,
      /SSM parameter \/idp-autopilot\/slack-webhook-url/,
      /SSM parameter \/idp-autopilot\/pagerduty-routing-key/,
      /deny-all policy name idp-autopilot-deny-all/,
      /GuardDuty detector in us-east-1/,
      /GuardDuty detector in us-west-2/,
    ]) {
      expect(checks.filter((line) => expected.test(line))).toHaveLength(1);
    }
    expect(readFileSync(sandboxPath, 'utf8')).toBe(before);
  });

  it('never prints a secret value', async () => {
    const { out } = await cli('doctor');
    expect(out).not.toContain('hooks.slack.com');
    expect(out).not.toContain('R0SANDBOXPAGERDUTYROUTINGKEY0001');
  });

  it('names what is missing and how to create it, exit 1', async () => {
    editSandbox((state) => {
      const east = state.regions['us-east-1'];
      east.sns.topics = east.sns.topics.filter(
        (topic: { Name: string }) => topic.Name !== 'idp-autopilot-dev-notifications',
      );
      state.regions['us-west-2'].guardduty.detectors = [];
      state.global.iam.instanceProfiles = state.global.iam.instanceProfiles.filter(
        (profile: { InstanceProfileName: string }) => profile.InstanceProfileName !== 'idp-autopilot-quarantine',
      );
    });

    const { code, lines } = await cli('doctor');

    expect(code).toBe(1);
    const failed = lines.filter((line) => line.startsWith('✘ '));
    expect(failed).toHaveLength(3);
    expect(failed.find((line) => line.includes('notification topic'))).toContain('npx serverless deploy --stage dev');
    expect(failed.find((line) => line.includes('instance profile'))).toContain('npx serverless deploy --stage dev');
    expect(failed.find((line) => line.includes('us-west-2'))).toContain(
      'aws guardduty create-detector --enable --region us-west-2',
    );
  });

  it('checks the secrets the config references, Secrets Manager included', async () => {
    // A stage file cannot turn default.yml's SSM reference into a secretId (mappings merge), so the config is built here.
    const config = parseConfig({
      regions: ['us-east-1'],
      notifications: { pagerduty: { routingKey: { secretId: 'idp-autopilot/pagerduty' } } },
    });
    const checks = stackChecks({ service: 'idp-autopilot', stage: 'dev', home: 'us-east-1', config });

    const secret = checks.find((item) => item.what('123456789012').includes('idp-autopilot/pagerduty'));
    const line = checkLine(await readBack(SandboxAccount.fromSeed(), () => runCheck(secret!, '123456789012')));

    expect(line).toMatch(/^✘ Secrets Manager secret idp-autopilot\/pagerduty: missing/);
    expect(line).toContain('aws secretsmanager create-secret --name idp-autopilot/pagerduty');
  });
});

describe('autopilot doctor --live', () => {
  it('without credentials says which are missing and how to provide them, exit 1, no stack trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'autopilot-nohome-'));
    const { code, stdout, stderr } = await runCli(['doctor', '--live'], {
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(code).toBe(1);
    const credentials = stdout.split('\n').find((line) => line.includes('credentials'));
    expect(credentials).toMatch(/^✘ credentials: no AWS credentials/);
    expect(credentials).toContain('AWS_PROFILE');
    expect(`${stdout}${stderr}`).not.toMatch(/^\s+at /m);
  }, 60_000);
});
