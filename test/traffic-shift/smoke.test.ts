import { afterEach, describe, expect, it } from 'vitest';
import { runSmokeTests, SmokeTestFailedError } from '../../functions/traffic-shift/smoke/smoke.ts';
import { installFetchSandbox } from '../../sandbox/http.ts';
import { freshAccount } from '../support/sandbox.ts';

const tests = [
  { name: 'health', method: 'GET' as const, path: '/health', expectStatus: 200 },
  { name: 'api test', method: 'POST' as const, path: '/api/v1/test', body: '{}', expectStatus: 200 },
];
let restore = () => {};
afterEach(() => restore());

describe('the smoke tests against green', () => {
  it('records each response: status, time and the start of the body', async () => {
    const account = freshAccount();
    restore = installFetchSandbox(account);
    const results = await runSmokeTests('https://green.auth.idp.example.com', tests, 1000);
    expect(results.map((r) => [r.url, r.status, r.passed, r.excerpt])).toEqual([
      ['https://green.auth.idp.example.com/health', 200, true, '{"status":"ok"}'],
      ['https://green.auth.idp.example.com/api/v1/test', 200, true, '{"result":"pass"}'],
    ]);
    expect(account.callsTo('HTTP', 'POST')[0].input).toEqual({
      url: 'https://green.auth.idp.example.com/api/v1/test',
      body: '{}',
    });
  });

  it('fails a check that does not answer within its timeout, and goes on with the others', async () => {
    const account = freshAccount();
    account.state.global.http!.endpoints.find((e) => e.url.endsWith('auth.idp.example.com/health'))!.hang = true;
    restore = installFetchSandbox(account);
    const results = await runSmokeTests('https://green.auth.idp.example.com', tests, 50);
    expect(results.map((r) => [r.passed, r.excerpt])).toEqual([
      [false, 'no answer within 50 ms'],
      [true, '{"result":"pass"}'],
    ]);
  });

  it('cannot pass without an endpoint to test', async () => {
    await expect(runSmokeTests(undefined, tests, 1000)).rejects.toThrow(SmokeTestFailedError);
    expect(await runSmokeTests(undefined, [], 1000)).toEqual([]);
  });
});
