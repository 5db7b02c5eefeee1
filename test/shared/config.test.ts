import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NightlyCleanup } from '../../functions/nightly-cleanup/config.ts';
import { loadStageConfig, parseConfig } from '../../functions/playbooks.ts';
import { encodeConfigForEnv, getConfig } from '../../functions/shared/config/config.ts';
import { deepMerge } from '../../functions/shared/config/files.ts';
import { ConfigError } from '../../functions/shared/errors/errors.ts';

function configDir(defaultYml: string, stages: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'autopilot-config-'));
  writeFileSync(join(dir, 'default.yml'), defaultYml);
  for (const [stage, text] of Object.entries(stages)) writeFileSync(join(dir, `${stage}.yml`), text);
  return dir;
}

const errorOf = (work: () => unknown): Error => {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('stage configuration', () => {
  it('merges the stage file over the defaults: mappings key by key, lists replaced', () => {
    const merged = deepMerge(
      { regions: ['us-east-1', 'us-west-2'], playbooks: { a: { x: 1, y: 2 } } },
      { regions: ['eu-west-1'], playbooks: { a: { y: 3 } } },
    );
    expect(merged).toEqual({ regions: ['eu-west-1'], playbooks: { a: { x: 1, y: 3 } } });
  });

  it('loads the shipped dev and prod stages', () => {
    expect(loadStageConfig({ stage: 'dev' }).regions[0]).toBe('us-east-1');
    expect(loadStageConfig({ stage: 'prod' }).playbooks.complianceEvaluation.schedule.timezone).toBe('Europe/Berlin');
  });

  it('names the key and what is allowed when a value is bad', () => {
    const shipped = loadStageConfig({ stage: 'dev' });
    const bad = structuredClone(shipped) as Record<string, any>;
    bad.playbooks.guarddutyHardening.findingPublishingFrequency = 'HOURLY';
    const error = errorOf(() => parseConfig(bad));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('playbooks.guarddutyHardening.findingPublishingFrequency');
    expect(error.message).toContain('FIFTEEN_MINUTES');
  });

  it('rejects a secret written as a plain value instead of a reference', () => {
    const shipped = loadStageConfig({ stage: 'dev' }) as Record<string, any>;
    const bad = structuredClone(shipped);
    bad.notifications.slack.webhookUrl = 'https://hooks.slack.com/services/T000/B000/XXXX';
    expect(errorOf(() => parseConfig(bad)).message).toContain('notifications.slack.webhookUrl');
  });

  it('keeps secret references under the prefixes the function roles may read', () => {
    const shipped = loadStageConfig({ stage: 'dev' }) as Record<string, any>;
    const bad = structuredClone(shipped);
    bad.notifications.pagerduty.routingKey = { ssmParameter: '/team-secrets/pd' };
    expect(errorOf(() => parseConfig(bad)).message).toContain('under /idp-autopilot/');
  });

  it('hands a function its config gzipped and reads back the global keys and exactly the blocks it declares', () => {
    // test/packaging/package.test.ts holds every packaged function's environment under 2 KB.
    const config = loadStageConfig({ stage: 'prod' });
    const { playbooks, ...global } = config;
    const encoded = encodeConfigForEnv({ ...global, playbooks: { nightlyCleanup: playbooks.nightlyCleanup } });
    expect(encoded.length).toBeLessThan(JSON.stringify(config).length);
    expect(getConfig({ nightlyCleanup: NightlyCleanup }, { AUTOPILOT_CONFIG: encoded })).toEqual({
      ...global,
      playbooks: { nightlyCleanup: playbooks.nightlyCleanup },
    });
  });

  it('names the block a function reads when the deployed config lacks a required key of it', () => {
    const broken = JSON.stringify({ regions: ['us-east-1'], playbooks: { nightlyCleanup: { mode: 'purge' } } });
    expect(
      errorOf(() => getConfig({ nightlyCleanup: NightlyCleanup }, { AUTOPILOT_CONFIG: broken })).message,
    ).toContain('playbooks.nightlyCleanup.mode');
  });

  it('rejects an unknown key instead of ignoring a typo', () => {
    const shipped = loadStageConfig({ stage: 'dev' }) as Record<string, any>;
    const bad = { ...structuredClone(shipped), exemptTag: 'x' };
    expect(errorOf(() => parseConfig(bad)).message).toMatch(/exemptTag/);
  });

  it('rejects a bad cron expression and an unknown time zone, naming each key', () => {
    const dir = configDir(
      'regions: [us-east-1]\nplaybooks:\n  guarddutyHardening: {schedule: {cron: "0 2 * * *", timezone: Mars/Olympus}}\n  complianceEvaluation: {schedule: {cron: "cron(0 1 * * ? *)"}}\n',
      { dev: '' },
    );
    const error = errorOf(() => loadStageConfig({ stage: 'dev', dir }));
    expect(error.message).toContain('playbooks.guarddutyHardening.schedule.cron');
    expect(error.message).toContain('playbooks.guarddutyHardening.schedule.timezone');
  });

  it('says how to define a stage whose file is missing', () => {
    const error = errorOf(() => loadStageConfig({ stage: 'staging' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('staging.yml does not exist');
  });

  it('rejects a stage name that cannot be part of AWS resource names', () => {
    expect(errorOf(() => loadStageConfig({ stage: 'Prod_EU' })).message).toContain('stage "Prod_EU"');
  });

  it('fails a cold start whose AUTOPILOT_CONFIG is missing or bad, and parses a good one once', () => {
    expect(() => getConfig({}, {})).toThrow(ConfigError);
    expect(() => getConfig({}, { AUTOPILOT_CONFIG: '{' })).toThrow(/neither JSON nor gzip/);
    const raw = JSON.stringify(loadStageConfig({ stage: 'dev' }));
    expect(getConfig({}, { AUTOPILOT_CONFIG: raw })).toBe(getConfig({}, { AUTOPILOT_CONFIG: raw }));
  });
});
