// Two autopilot processes on one sandbox file: the second waits for the first (no lost update, no message sent
// twice) or, when the first holds the sandbox longer than it is willing to wait, refuses clearly and changes nothing.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli-process.ts';

function scratch() {
  const work = mkdtempSync(join(tmpdir(), 'autopilot-lock-'));
  const env = { AUTOPILOT_SANDBOX_FILE: join(work, 'sandbox.json'), AUTOPILOT_OUT_DIR: join(work, 'out') };
  return { work, env, state: () => JSON.parse(readFileSync(env.AUTOPILOT_SANDBOX_FILE, 'utf8')) };
}

const keyStatus = (state: { global: { iam: { users: never[] } } }, user: string, key: string) =>
  (state.global.iam.users as { UserName: string; accessKeys: { AccessKeyId: string; Status: string }[] }[])
    .find((candidate) => candidate.UserName === user)
    ?.accessKeys.find((candidate) => candidate.AccessKeyId === key)?.Status;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('two autopilot processes on one sandbox file', () => {
  it('keep both updates: the second waits for the first to save', async () => {
    const { env, state } = scratch();
    expect((await runCli(['sandbox', 'reset'], env)).code).toBe(0);
    const waiting = { ...env, AUTOPILOT_LOCK_WAIT_MS: '120000' };
    // Simulated latency stretches each run over seconds, so without the lock both would start from the seed.
    const revoke = (input: string) =>
      runCli(['run', 'revoke-credentials', '--input', input, '--latency', '100'], waiting);

    const [alice, deployBot] = await Promise.all([
      revoke('{"userName":"alice","accessKeyId":"AKIASANDBOXALICE0001"}'),
      revoke('{"userName":"deploy-bot","accessKeyId":"AKIASANDBOXDEPLOY002"}'),
    ]);

    expect([alice.code, deployBot.code]).toEqual([0, 0]);
    expect(keyStatus(state(), 'alice', 'AKIASANDBOXALICE0001')).toBe('Inactive');
    expect(keyStatus(state(), 'deploy-bot', 'AKIASANDBOXDEPLOY002')).toBe('Inactive');
  }, 120_000);

  it('send a repeated finding’s messages once: every message sent is in the saved account', async () => {
    const { work, env, state } = scratch();
    expect((await runCli(['sandbox', 'reset'], env)).code).toBe(0);
    const waiting = { ...env, AUTOPILOT_LOCK_WAIT_MS: '120000' };
    const event = 'events/guardduty/iam-01-unauthorized-access-malicious-ip.json';

    const runs = await Promise.all([runCli(['event', event], waiting), runCli(['event', event], waiting)]);

    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const sent = readFileSync(join(work, 'out', 'sns', 'idp-autopilot-dev-notifications.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const saved = state().regions['us-east-1'].sns.messages as unknown[];
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(saved.length);
  }, 120_000);

  it('refuses the second while the first holds the sandbox: exit 2, the holder named, its run unharmed', async () => {
    const { env, state } = scratch();
    expect((await runCli(['sandbox', 'reset'], env)).code).toBe(0);
    const lockDir = `${env.AUTOPILOT_SANDBOX_FILE}.lock`;
    // A slow run holds the sandbox for 15 s or more (over fifteen sequential calls of 1 s simulated latency), far
    // longer than the second process needs to start, even on a busy machine.
    const first = startCli(['run', 'guardduty-hardening', '--latency', '1000', '--quiet'], env);
    await until(() => existsSync(lockDir), 60_000);

    const second = await runCli(['run', 'guardduty-hardening', '--quiet'], { ...env, AUTOPILOT_LOCK_WAIT_MS: '200' });

    expect(second.code).toBe(2);
    expect(second.stderr.trim()).toBe(
      `autopilot: the sandbox is in use by another autopilot run (pid ${first.child.pid}): wait for it to finish and try again`,
    );
    expect((await first.done).code).toBe(0);
    const detector = state().regions['us-east-1'].guardduty.detectors[0];
    expect(detector.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
    expect(existsSync(lockDir)).toBe(false);
  }, 120_000);
});
