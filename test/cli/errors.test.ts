// The CLI never prints a raw stack trace: every failure is one line that says what is wrong and what to do.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/cli-process.ts';

const work = mkdtempSync(join(tmpdir(), 'autopilot-errors-'));
const sandboxPath = join(work, 'sandbox.json');
process.env.AUTOPILOT_SANDBOX_FILE = sandboxPath;
process.env.AUTOPILOT_OUT_DIR = join(work, 'out');
const { main } = await import('../../cli/autopilot.ts');

async function cli(argv: string[], write: (line: string) => void = () => undefined) {
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(String(line)));
  try {
    const code = await main(argv, write);
    return { code, err: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const STACK_LINE = /^\s+at /m;

afterEach(() => {
  delete process.env.AUTOPILOT_DEBUG;
});
afterAll(() => {
  delete process.env.AUTOPILOT_SANDBOX_FILE;
  delete process.env.AUTOPILOT_OUT_DIR;
});

describe('autopilot --live without credentials', () => {
  it('says which credentials are missing and how to provide them, exit 2, no stack trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'autopilot-nohome-'));
    const { code, stdout, stderr } = await runCli(['run', 'guardduty-hardening', '--live'], {
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AUTOPILOT_SANDBOX_FILE: sandboxPath,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('no AWS credentials');
    expect(stderr).toContain('AWS_PROFILE');
    expect(stderr).toContain('AWS_ACCESS_KEY_ID');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(`${stdout}${stderr}`).not.toMatch(STACK_LINE);
  });
});

describe('a sandbox file that is not a sandbox account', () => {
  it.each([
    ['truncated', '{"version": 1, "accountId": "1234'],
    ['foreign', '{"name": "my-app", "version": "1.0.0"}\n'],
    ['empty', ''],
  ])('%s: says to run `autopilot sandbox reset`, exit 2, the file left as it was', async (_kind, text) => {
    writeFileSync(sandboxPath, text);
    const { code, err } = await cli(['run', 'guardduty-hardening', '--skip-waits']);
    expect(code).toBe(2);
    expect(err).toBe(
      `autopilot: the sandbox file ${sandboxPath} is not a sandbox account: run \`autopilot sandbox reset\``,
    );
    expect(readFileSync(sandboxPath, 'utf8')).toBe(text);
  });

  it('is replaced by `sandbox reset`, after which runs work again', async () => {
    writeFileSync(sandboxPath, '{"version": 1, "accountId": "1234');
    expect((await cli(['sandbox', 'reset'])).code).toBe(0);
    expect((await cli(['run', 'guardduty-hardening', '--skip-waits', '--quiet'])).code).toBe(0);
  });
});

describe('an unexpected error', () => {
  const failingWrite = () => {
    throw new TypeError('stdout is closed');
  };

  it('prints one line and how to see the stack, exit 1', async () => {
    const { code, err } = await cli(['list'], failingWrite);
    expect(code).toBe(1);
    expect(err).toBe('autopilot: TypeError: stdout is closed (run with AUTOPILOT_DEBUG=1 for the stack)');
  });

  it('prints the stack with AUTOPILOT_DEBUG=1', async () => {
    process.env.AUTOPILOT_DEBUG = '1';
    const { code, err } = await cli(['list'], failingWrite);
    expect(code).toBe(1);
    expect(err).toMatch(STACK_LINE);
  });
});
