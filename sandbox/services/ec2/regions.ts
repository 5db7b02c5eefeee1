// DescribeRegions: the regions enabled by default in a commercial-partition account (opt-in regions only with
// AllRegions). A region without seeded resources is simply empty when a call reaches it.
import type { DescribeRegionsRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters } from './filters.ts';

const DEFAULT_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];
const OPT_IN_REGIONS = ['af-south-1', 'ap-east-1', 'ap-south-2', 'ap-southeast-3', 'eu-south-1', 'me-south-1'];

function describeRegions(_ctx: HandlerContext, input: DescribeRegionsRequest) {
  const all = [
    ...DEFAULT_REGIONS.map((name) => ({ RegionName: name, OptInStatus: 'opt-in-not-required' })),
    ...OPT_IN_REGIONS.map((name) => ({ RegionName: name, OptInStatus: 'not-opted-in' })),
  ].map((r) => ({ ...r, Endpoint: `ec2.${r.RegionName}.amazonaws.com` }));
  const unknown = (input.RegionNames ?? []).filter((name) => !all.some((r) => r.RegionName === name));
  if (unknown.length) throw awsError('InvalidParameterValue', `Invalid region names: ${unknown.join(', ')}`);
  let regions = input.AllRegions ? all : all.filter((r) => r.OptInStatus !== 'not-opted-in');
  if (input.RegionNames?.length) regions = all.filter((r) => input.RegionNames!.includes(r.RegionName));
  const fields = {
    endpoint: (r: (typeof all)[number]) => r.Endpoint,
    'opt-in-status': (r: (typeof all)[number]) => r.OptInStatus,
    'region-name': (r: (typeof all)[number]) => r.RegionName,
  };
  return { Regions: applyFilters(regions, input.Filters, fields, () => []) };
}

export const regionHandlers: Handlers = {
  DescribeRegions: describeRegions,
};
