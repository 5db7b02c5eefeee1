import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAccount, resetAccount, saveAccount } from '../../sandbox/store.ts';
import { stoppedAfterFirstStep } from '../traffic-shift/stopped.ts';
import { headerRules, lockKeys, SEARCH, weightsOf } from '../traffic-shift/support.ts';

// The CLI keeps its sandbox account and out/ in a folder of this test's own.
const work = mkdtempSync(join(tmpdir(), 'autopilot-abort-'));
process.env.AUTOPILOT_SANDBOX_FILE = join(work, 'sandbox.json');
process.env.AUTOPILOT_OUT_DIR = join(work, 'out');
const { main } = await import('../../cli/autopilot.ts');
const file = process.env.AUTOPILOT_SANDBOX_FILE;

async function cli(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  try {
    return { code: await main(argv, (line) => lines.push(line)), out: lines.join('\n'), err: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

beforeEach(() => resetAccount(file));
afterAll(() => {
  delete process.env.AUTOPILOT_SANDBOX_FILE;
  delete process.env.AUTOPILOT_OUT_DIR;
});

describe('autopilot abort on the sandbox', () => {
  it('aborts the running traffic shift by playbook name: blue back to 100%, the canary rule gone, the lock let go', async () => {
    const arranged = loadAccount(file);
    await stoppedAfterFirstStep(arranged, { service: 'idp-search', mode: 'canary' }, 'deploy-search-1');
    saveAccount(arranged, file);

    const { code, out } = await cli('abort', 'traffic-shift', '--quiet');

    expect(code).toBe(0);
    expect(out).toContain('the stopped shift is undone, blue at 100%');
    const account = loadAccount(file);
    expect(await weightsOf(account, SEARCH.ruleArn)).toEqual({ 'idp-search-blue': 100, 'idp-search-green': 0 });
    expect(await headerRules(account)).toEqual([]);
    expect(await lockKeys(account)).toEqual([]);
  });

  it('says when nothing is running, and refuses a playbook that has nothing to restore', async () => {
    expect(await cli('abort', 'traffic-shift')).toMatchObject({
      code: 2,
      err: expect.stringContaining('no running traffic-shift execution'),
    });
    expect(await cli('abort', 'scale-capacity')).toMatchObject({
      code: 2,
      err: expect.stringContaining('nothing to restore'),
    });
  });

  it('refuses an execution that left no run record, naming it, and runs nothing', async () => {
    const result = await cli('abort', 'traffic-shift', 'exec-does-not-exist');

    expect(result).toMatchObject({ code: 2, err: expect.stringContaining('exec-does-not-exist') });
    expect(loadAccount(file).callsTo('ElasticLoadBalancingV2', 'ModifyRule')).toEqual([]);
  });
});

describe('autopilot abort --live', () => {
  const sfn = mockClient(SFNClient);
  const sts = mockClient(STSClient);
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:idp-autopilot-dev-traffic-shift:deploy-auth-4';
  beforeEach(() => {
    sfn.reset();
    sts.reset();
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' });
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: `${arn.replace('deploy-auth-4', 'restore-deploy-auth-4')}` });
  });

  it('stops the execution and starts its restore with the status-change event its rule would deliver', async () => {
    const { code, out } = await cli('abort', 'traffic-shift', 'deploy-auth-4', '--live');

    expect(code).toBe(0);
    expect(sfn.commandCalls(StopExecutionCommand)[0].args[0].input).toMatchObject({ executionArn: arn });
    const start = sfn.commandCalls(StartExecutionCommand)[0].args[0].input;
    expect(start).toMatchObject({
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:idp-autopilot-dev-traffic-shift',
      name: 'restore-deploy-auth-4',
    });
    expect(JSON.parse(start.input!).detail).toMatchObject({ executionArn: arn, status: 'ABORTED' });
    expect(out).toContain('restore started');
  });

  it('starts no second restore when one was started already', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ status: 'ABORTED' });
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    const { code, out } = await cli('abort', 'traffic-shift', arn, '--live');
    expect(code).toBe(0);
    expect(sfn.commandCalls(StopExecutionCommand)).toEqual([]);
    expect(out).toContain('was started already');
  });
});
