// The copy of the stack in the secondary region: only the playbooks to start from there, without triggers, its own
// region as home (reports, notifications, locks), the failover's regions kept as the home stack has them.
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { reportsBucketPrefix, serverlessSections, serviceDeclaration } from '../../serverless/service.ts';

const config = loadStageConfig({ stage: 'dev' });

describe('the stack copy in the secondary region', () => {
  it('carries regional-failover only, without schedules or rules, at home in its own region', () => {
    const copy = serviceDeclaration(config, 'dev', 'us-west-2');

    expect(copy.standby).toBe(true);
    expect(copy.stateMachines.map((m) => m.playbook)).toEqual(['regional-failover']);
    expect(copy.stateMachines[0].schedules).toEqual([]);
    expect(copy.config?.regions).toEqual(['us-west-2', 'us-east-1']);
    expect(copy.config?.playbooks.regionalFailover).toMatchObject({
      primaryRegion: 'us-east-1',
      secondaryRegion: 'us-west-2',
    });
    expect(
      Object.keys(copy.functions).every(
        (key) => key.startsWith('failover') || ['planRegions', 'playbookFailed'].includes(key),
      ),
    ).toBe(true);
    expect(Object.values(copy.functions)[0].roleName).toContain('-us-west-2-');
  });

  it('names its own reports bucket and leaves the account-wide quarantine role to the home stack', () => {
    const sections = serverlessSections(serviceDeclaration(config, 'dev', 'us-west-2'));
    expect(sections.reportsBucketPrefix).toBe('idp-autopilot-dev-us-west-2');
    expect(sections.resources.Conditions.IsHomeRegion).toEqual({ 'Fn::Equals': ['copy', 'home'] });
    const home = serverlessSections(serviceDeclaration(config, 'dev'));
    expect(home.reportsBucketPrefix).toBe(reportsBucketPrefix('dev'));
    expect(home.resources.Conditions.IsHomeRegion).toEqual({ 'Fn::Equals': ['home', 'home'] });
    expect(home.stateMachines.regionalFailover.events).toHaveLength(1);
  });

  it('is refused for a region the stage does not configure', () => {
    expect(() => serviceDeclaration(config, 'dev', 'eu-west-1')).toThrow(
      'eu-west-1 is not one of the configured regions',
    );
  });
});
