import { describe, expect, it } from 'vitest';
import { STAGING } from '../support/accounts.ts';
import { account, audit, contain, messages, sampleEvent } from '../support/instance.ts';

describe('contain-instance across accounts', () => {
  it('contains an instance of a member account in that account, through its member role, and nowhere else', async () => {
    const on = account();
    const homeBefore = JSON.stringify(on.state.regions);

    const result = await contain(on, sampleEvent('ec2-10-staging-backdoor-cc-activity'));

    expect(result.status).toBe('SUCCEEDED');
    const staging = on.state.members![STAGING].regions['us-east-1'];
    const eni = staging.ec2.networkInterfaces.find((n) => n.NetworkInterfaceId === 'eni-03f30000000000001')!;
    const isolation = staging.ec2.securityGroups.find((g) => g.GroupName === 'idp-autopilot-isolation')!;
    expect(eni.Groups?.map((g) => g.GroupId)).toEqual([isolation.GroupId]);
    const homeEast = JSON.parse(homeBefore)['us-east-1'];
    expect(on.state.regions['us-east-1'].ec2.instances).toEqual(homeEast.ec2.instances);
    expect(on.callsTo('STS', 'AssumeRole').length).toBeGreaterThan(0);
    expect(messages(on)[0].text).toContain(`Account: ${STAGING}`);
    const isolated = audit(on).find((record) => record.action === 'ec2:ModifyNetworkInterfaceAttribute');
    expect(isolated?.account).toBe(STAGING);
  });

  it("refuses a finding from an account that is not one of the stage's, even with an instance id it knows", async () => {
    const on = account();
    const ec2Before = JSON.stringify(on.state.regions['us-east-1'].ec2);

    const result = await contain(on, sampleEvent('ec2-11-unknown-account-backdoor-cc-activity'));

    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.stringify(on.state.regions['us-east-1'].ec2)).toBe(ec2Before);
    expect(messages(on)[0].subject).toMatch(/^\[SEV2\] Not contained: .*999988887777 is not one of/);
    expect(on.callsTo('EC2')).toEqual([]);
  });

  it('refuses cleanly when the member role cannot be assumed, changing nothing', async () => {
    const on = account();
    const event = sampleEvent('ec2-10-staging-backdoor-cc-activity');
    event.detail.accountId = '345678901234';
    const before = JSON.stringify(on.state);

    const result = await contain(on, event);

    expect(result.status).toBe('SUCCEEDED');
    expect(messages(on)[0].subject).toMatch(/^\[SEV2\] Not contained: .*cannot act in account 345678901234/);
    const after = JSON.parse(JSON.stringify(on.state));
    expect(after.members).toEqual(JSON.parse(before).members);
  });
});
