import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The CLI keeps its sandbox account and out/ in a folder of this test's own.
const work = mkdtempSync(join(tmpdir(), 'autopilot-cli-'));
process.env.AUTOPILOT_SANDBOX_FILE = join(work, 'sandbox.json');
process.env.AUTOPILOT_OUT_DIR = join(work, 'out');
const { main } = await import('../../cli/autopilot.ts');

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

describe('autopilot CLI', () => {
  it('lists every playbook with its triggers and input', async () => {
    const { code, out } = await cli('list');
    expect(code).toBe(0);
    expect(out).toContain('guardduty-hardening');
    expect(out).toContain('schedule: cron(15 6 * * ? *) UTC');
    expect(out).toContain('input: {regions?: string[], accounts?: string[], dryRun?: boolean}');
  });

  it('runs a playbook on the sandbox with a trace of states and AWS calls, then what changed', async () => {
    const { code, out } = await cli('run', 'guardduty-hardening', '--skip-waits');
    expect(code).toBe(0);
    expect(out).toMatch(/▶ Plan targets \(Task\) entered/);
    expect(out).toMatch(/· GuardDuty UpdateDetector \(us-east-1\)/);
    expect(out).toMatch(/done\s+guardduty:UpdateDetector/);
    expect(JSON.parse(sandboxFile()).regions).toBeDefined();
  });

  it('prints a machine-readable result with --json', async () => {
    const { code, out } = await cli('run', 'compliance-evaluation', '--skip-waits', '--json', '--dry-run');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ playbook: 'compliance-evaluation', status: 'SUCCEEDED' });
    expect(result.trace.length).toBeGreaterThan(0);
  });

  it.each([
    [['run', 'no-such-playbook'], 'unknown playbook "no-such-playbook"'],
    [['run', 'guardduty-hardening', '--input', '{"regions": '], '--input: inline JSON is not valid JSON'],
    [['run', 'guardduty-hardening', '--input', '[1,2]'], 'input: must be a JSON object'],
    [['run', 'guardduty-hardening', '--stage', 'qa'], 'qa.yml does not exist'],
    [['run', 'guardduty-hardening', '--region', 'mars-1'], '--region "mars-1"'],
    [['run', 'guardduty-hardening', '--latency', 'fast'], '--latency takes whole milliseconds'],
    [['run', 'guardduty-hardening', '--approve', '--reject'], 'exclude each other'],
    [['run', 'guardduty-hardening', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['explode'], 'unknown command "explode"'],
    [['event', 'events/does-not-exist.json'], 'cannot read events/does-not-exist.json'],
  ])('rejects %j with one clear message, exit 2, and leaves the sandbox unchanged', async (argv, message) => {
    const before = sandboxFile();
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.split('\n')).toHaveLength(1);
    expect(sandboxFile()).toBe(before);
  });

  it('rejects a bad config file naming the key, and changes nothing', async () => {
    const file = join(work, 'bad.yml');
    writeFileSync(file, 'playbooks:\n  guarddutyHardening:\n    findingPublishingFrequency: HOURLY\n');
    const before = sandboxFile();
    const { code, err } = await cli('run', 'guardduty-hardening', '--config', file);
    expect(code).toBe(2);
    expect(err).toContain('playbooks.guarddutyHardening.findingPublishingFrequency');
    expect(sandboxFile()).toBe(before);
  });

  it('rejects an event that is not in the EventBridge format, naming the missing fields', async () => {
    const file = join(work, 'not-an-event.json');
    writeFileSync(file, JSON.stringify({ detail: {} }));
    const { code, err } = await cli('event', file);
    expect(code).toBe(2);
    expect(err).toContain('missing field(s) version, id, detail-type, source');
  });

  it('says so when no rule matches an event and runs nothing', async () => {
    const file = join(work, 'unrelated.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: '0',
        id: 'e1',
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        account: '123456789012',
        time: '2026-11-26T10:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail: { state: 'running' },
      }),
    );
    const before = sandboxFile();
    const { code, out } = await cli('event', file);
    expect(code).toBe(0);
    expect(out).toContain('no rule matches');
    expect(sandboxFile()).toBe(before);
  });

  it('resets the sandbox to its seed', async () => {
    // The home account alone (dev's member sandbox-dev never deployed the member role: it always fails cleanly).
    const home = ['--input', '{"accounts":["123456789012"]}'];
    await cli('run', 'guardduty-hardening', ...home, '--skip-waits', '--quiet');
    const hardened = JSON.parse((await cli('run', 'guardduty-hardening', ...home, '--dry-run', '--json')).out);
    expect(hardened.output.summary).toBe('All detectors already compliant');

    expect((await cli('sandbox', 'reset')).code).toBe(0);

    expect(existsSync(process.env.AUTOPILOT_SANDBOX_FILE!)).toBe(true);
    const seeded = JSON.parse((await cli('run', 'guardduty-hardening', ...home, '--dry-run', '--json')).out);
    expect(seeded.output.summary).toMatch(/dry run/);
  });
});

describe('autopilot list input rendering', () => {
  it('shows a list of alternatives as one bracketed item type', async () => {
    const { schemaText } = await import('../../cli/schema-text.ts');
    const z = await import('zod');
    expect(schemaText(z.object({ types: z.array(z.enum(['volume', 'snapshot'])).optional() }))).toBe(
      '{types?: ("volume"|"snapshot")[]}',
    );
  });
});
