// The failover's topology for one run: the configured block with the regions resolved (the first and second
// configured regions unless named; the copy of the stack in the secondary region gets them named, see the manifest's
// standbyCopy) and the names that default from them. Every step derives it the same way.
import { ConfigError } from '../shared/errors/errors.ts';
import type { RegionalFailoverSettings } from './config.ts';

export interface Topology {
  primaryRegion: string;
  secondaryRegion: string;
  backupBucket: string;
  settings: RegionalFailoverSettings;
}

/** @throws ConfigError when no secondary region can be told, or it is the primary. */
export function topologyOf(settings: RegionalFailoverSettings, regions: string[]): Topology {
  const primaryRegion = settings.primaryRegion ?? regions[0];
  const secondaryRegion = settings.secondaryRegion ?? regions.find((region) => region !== primaryRegion);
  if (!secondaryRegion || secondaryRegion === primaryRegion) {
    throw new ConfigError(
      'config: playbooks.regionalFailover.secondaryRegion: name a region other than the primary (or configure a second region)',
    );
  }
  return {
    primaryRegion,
    secondaryRegion,
    backupBucket: settings.backupBucket ?? `idp-backup-${secondaryRegion}`,
    settings,
  };
}
