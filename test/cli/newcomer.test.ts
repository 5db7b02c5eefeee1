// What a newcomer meets first: the ids the examples need (`sandbox show`), examples that run as printed (`list`,
// README), reports they can open, a reset that starts over.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { projectDir } from '../support/cli-process.ts';

const work = mkdtempSync(join(tmpdir(), 'autopilot-newcomer-'));
const outDir = join(work, 'out');
process.env.AUTOPILOT_SANDBOX_FILE = join(work, 'sandbox.json');
process.env.AUTOPILOT_OUT_DIR = outDir;
const { main } = await import('../../cli/autopilot.ts');

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

/** The words of a shell command line: whitespace separates, '…' and "…" quote (what the README's examples use). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

afterAll(() => {
  delete process.env.AUTOPILOT_SANDBOX_FILE;
  delete process.env.AUTOPILOT_OUT_DIR;
});

describe('autopilot sandbox show', () => {
  it('lists the ids the examples need: instances, users and keys, volumes, snapshots, Elastic IPs, alarms', async () => {
    await cli('sandbox', 'reset');
    const { code, out } = await cli('sandbox', 'show');
    expect(code).toBe(0);
    for (const row of [
      /i-01a100000000000b1\s+idp-bastion\s+running\s+us-east-1/,
      /deploy-bot\s+AKIASANDBOXDEPLOY001 Active, AKIASANDBOXDEPLOY002 Active/,
      /legacy-reporting\s+AKIASANDBOXLEGACY001 Inactive/,
      /vol-01b20000000000001\s+old-log-archive\s+available\s+500 GiB\s+us-east-1/,
      /snap-01c10000000000001\s+.*us-east-1/,
      /eipalloc-01f20000000000001\s+52\.20\.10\.11\s+idp-bastion-eip\s+i-01a100000000000b1\s+us-east-1/,
      /idp-prod-api-5xx\s+ALARM\s+us-east-1/,
    ]) {
      expect(out).toMatch(row);
    }
  });

  it('shows one type when asked', async () => {
    const { code, out } = await cli('sandbox', 'show', 'users');
    expect(code).toBe(0);
    expect(out).toContain('deploy-bot');
    expect(out).not.toContain('i-01a100000000000b1');
  });

  it('refuses an unknown type naming the known ones, exit 2', async () => {
    const { code, err } = await cli('sandbox', 'show', 'planets');
    expect(code).toBe(2);
    expect(err).toContain('instances, users, volumes, snapshots, addresses, alarms');
  });
});

describe('autopilot sandbox reset', () => {
  it('also clears out/ and says so', async () => {
    mkdirSync(join(outDir, 's3'), { recursive: true });
    writeFileSync(join(outDir, 's3', 'old-report.json'), '{}');
    const { code, out } = await cli('sandbox', 'reset');
    expect(code).toBe(0);
    expect(out).toContain(`cleared ${outDir}`);
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('autopilot list', () => {
  it('shows inputs with alternatives as "one of: A | B"', async () => {
    const { out } = await cli('list');
    expect(out).toMatch(
      /revoke-credentials\n(.*\n)*? {2}input: one of: \{userName: string, accessKeyId\?: string, mode\?: "deactivate"\|"rotate", dryRun\?: boolean\} \| \{roleName: string, accessKeyId\?: string, dryRun\?: boolean\}/,
    );
  });

  it('shows one example per playbook, and every example runs as printed on a fresh sandbox (in list order)', async () => {
    // As printed: a playbook that waits (bake, poll, window) shows --skip-waits, or its example would take real minutes.
    await cli('sandbox', 'reset');
    const { lines } = await cli('list');
    const examples = lines
      .filter((line) => line.startsWith('  example: npm run autopilot -- '))
      .map((line) => line.slice('  example: npm run autopilot -- '.length));
    const names = lines.filter((line) => /^[a-z-]+$/.test(line));
    expect(examples).toHaveLength(names.length);
    for (const example of examples) {
      const { code, err } = await cli(...shellWords(example), '--quiet');
      expect({ example, code, err }).toEqual({ example, code: 0, err: '' });
    }
  }, 120_000);
});

describe('a run on the sandbox', () => {
  it('prints every report as the out/ file a newcomer can open', async () => {
    await cli('sandbox', 'reset');
    const { out } = await cli('run', 'guardduty-hardening', '--quiet');
    const reports = [...out.matchAll(/report: (\S+)/g)].map((match) => match[1]);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      expect(report).not.toMatch(/^s3:/);
      expect(existsSync(resolve(report))).toBe(true);
    }
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(projectDir, 'README.md'), 'utf8');

  it('runs every `npm run autopilot --` example as written, in order, from a fresh sandbox', async () => {
    await cli('sandbox', 'reset');
    const examples = readme
      .split('\n')
      .filter((line) => line.startsWith('npm run autopilot -- '))
      .map((line) => line.replace(/\s+#.*$/, '').slice('npm run autopilot -- '.length));
    expect(examples.length).toBeGreaterThan(5);
    for (const example of examples.filter((line) => !line.includes('--live'))) {
      expect(example).not.toMatch(/[…<]/);
      const { code, err } = await cli(...shellWords(example));
      expect({ example, code, err }).toEqual({ example, code: 0, err: '' });
    }
  }, 180_000);

  it('takes every `--live` example as written up to the AWS credentials, which a test machine has none of', async () => {
    const live = readme
      .split('\n')
      .filter((line) => line.startsWith('npm run autopilot -- '))
      .map((line) => line.replace(/\s+#.*$/, '').slice('npm run autopilot -- '.length))
      .filter((example) => example.includes('--live'));
    expect(live.length).toBeGreaterThan(0);
    // No credential source at all (env, profiles, web identity, container, instance metadata): nothing reaches AWS.
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_ENDPOINT_URL',
    ])
      vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_CONFIG_FILE', join(work, 'no-aws-config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(work, 'no-aws-credentials'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    try {
      for (const example of live) {
        const { code, err } = await cli(...shellWords(example));
        expect({ example, code, err: err.split(':')[1]?.trim() }).toEqual({
          example,
          code: 2,
          err: 'no AWS credentials found',
        });
      }
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);

  it('links nothing outside the repository', () => {
    const targets = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]);
    for (const target of targets) {
      expect(target).not.toMatch(/^(\.\.\/|[a-z]+:)/);
      expect(existsSync(join(projectDir, target.split('#')[0]))).toBe(true);
    }
  });
});
