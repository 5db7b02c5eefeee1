import { describe, expect, it } from 'vitest';
import { stoppedExecutionEvent } from '../../functions/shared/playbook/stopped.ts';
import { freshAccount } from '../support/sandbox.ts';
import { executionArnOf, stoppedAfterFirstStep } from './stopped.ts';
import { headerRules, type Loose, lockKeys, readJson, SEARCH, shift, snsMessages, weightsOf } from './support.ts';

describe('traffic-shift after a stopped execution', () => {
  it('sets blue back to 100% and removes the canary rule of a shift stopped half-way, and lets go of its lock', async () => {
    const account = freshAccount();
    await stoppedAfterFirstStep(account, { service: 'idp-search', mode: 'canary' }, 'deploy-search-7');
    expect(await weightsOf(account, SEARCH.ruleArn)).toEqual({ 'idp-search-blue': 95, 'idp-search-green': 5 });
    expect(await headerRules(account)).toHaveLength(1);

    const result = await shift(
      account,
      stoppedExecutionEvent(executionArnOf('deploy-search-7'), 'ABORTED', new Date()),
    );

    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as Loose).outcome).toBe('restored');
    expect(await weightsOf(account, SEARCH.ruleArn)).toEqual({ 'idp-search-blue': 100, 'idp-search-green': 0 });
    expect(await headerRules(account)).toEqual([]);
    expect(await lockKeys(account)).toEqual([]);
    expect((await readJson(account, 'work/traffic-shift/runs/deploy-search-7.json')).status).toBe('restored');
    expect(snsMessages(account).map((m) => m.Subject)).toEqual([
      expect.stringContaining('the stopped shift is undone, blue at 100%'),
    ]);
  });

  it('restores once when the rule and `autopilot abort` both deliver the stop', async () => {
    const account = freshAccount();
    await stoppedAfterFirstStep(account, { service: 'idp-search' }, 'deploy-search-8');
    const event = stoppedExecutionEvent(executionArnOf('deploy-search-8'), 'TIMED_OUT', new Date());
    await shift(account, event);
    const again = await shift(account, event);

    expect(again.status).toBe('SUCCEEDED');
    expect((again.output as Loose).kind).toBe('nothing');
    expect(account.callsTo('ElasticLoadBalancingV2', 'ModifyRule')).toHaveLength(2);
    expect(snsMessages(account)).toHaveLength(1);
  });

  it('does nothing for a stopped execution that changed nothing or had already ended', async () => {
    const account = freshAccount();
    const unknown = await shift(account, stoppedExecutionEvent(executionArnOf('never-started'), 'ABORTED', new Date()));
    expect((unknown.output as Loose).reason).toContain('no run record of never-started');

    const promoted = await shift(account, { service: 'idp-search' }, { executionName: 'deploy-search-9' });
    expect(promoted.status).toBe('SUCCEEDED');
    const late = await shift(account, stoppedExecutionEvent(executionArnOf('deploy-search-9'), 'ABORTED', new Date()));
    expect((late.output as Loose).reason).toContain('had already ended (promoted)');
    expect(await weightsOf(account, SEARCH.ruleArn)).toEqual({ 'idp-search-blue': 0, 'idp-search-green': 100 });
  });
});
