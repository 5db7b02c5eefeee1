// Tags on any EC2 resource by id: CreateTags, DeleteTags, DescribeTags. All resources are validated before any is
// changed (EC2 fails the whole call for one bad id), and `aws:` keys are reserved as on AWS.
import type { CreateTagsRequest, DeleteTagsRequest, DescribeTagsRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State, Tag } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters } from './filters.ts';
import { ec2PageSize, invalidEc2Token, RESOURCE_KINDS, requireResource, tagListOf } from './resources.ts';

const MAX_TAGS_PER_RESOURCE = 50;

/** DescribeTags resource-type per collection. */
const RESOURCE_TYPES: Partial<Record<keyof Ec2State, string>> = {
  instances: 'instance',
  volumes: 'volume',
  snapshots: 'snapshot',
  images: 'image',
  securityGroups: 'security-group',
  networkInterfaces: 'network-interface',
  addresses: 'elastic-ip',
  launchTemplates: 'launch-template',
  vpcs: 'vpc',
  subnets: 'subnet',
};

function rejectReservedKeys(tags: { Key?: string }[]): void {
  for (const tag of tags) {
    if (tag.Key?.toLowerCase().startsWith('aws:')) {
      throw awsError('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
    }
  }
}

function createTags(ctx: HandlerContext, input: CreateTagsRequest) {
  const tags = input.Tags ?? [];
  rejectReservedKeys(tags);
  for (const tag of tags) {
    if (!tag.Key || tag.Key.length > 128) throw awsError('InvalidParameterValue', `Tag key '${tag.Key}' is invalid`);
    if ((tag.Value ?? '').length > 256)
      throw awsError('InvalidParameterValue', `Tag value for '${tag.Key}' is too long`);
  }
  const targets = (input.Resources ?? []).map((id) => requireResource(ctx, id));
  for (const { record, kind } of targets) {
    const list = tagListOf(record, kind);
    const newKeys = new Set(tags.map((t) => t.Key).filter((k) => !list.some((t) => t.Key === k)));
    if (list.length + newKeys.size > MAX_TAGS_PER_RESOURCE) {
      throw awsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
    }
  }
  for (const { record, kind } of targets) {
    const list = tagListOf(record, kind);
    for (const tag of tags) {
      const existing = list.find((t) => t.Key === tag.Key);
      if (existing) existing.Value = tag.Value ?? '';
      else list.push({ Key: tag.Key!, Value: tag.Value ?? '' });
    }
  }
  return {};
}

/** A tag given with a Value (even '') deletes only on that value; without one, whatever the value. */
function deleteTags(ctx: HandlerContext, input: DeleteTagsRequest) {
  const tags = input.Tags;
  if (tags) rejectReservedKeys(tags);
  const targets = (input.Resources ?? []).map((id) => requireResource(ctx, id));
  for (const { record, kind } of targets) {
    const list = tagListOf(record, kind);
    const keep = list.filter((existing) => {
      if (!tags?.length) return existing.Key.startsWith('aws:');
      return !tags.some((t) => t.Key === existing.Key && (t.Value === undefined || t.Value === existing.Value));
    });
    list.splice(0, list.length, ...keep);
  }
  return {};
}

interface TagDescription extends Tag {
  ResourceId: string;
  ResourceType: string;
}

function describeTags(ctx: HandlerContext, input: DescribeTagsRequest) {
  const pageSize = ec2PageSize(input, undefined, { min: 5, max: 1000 });
  const all: TagDescription[] = RESOURCE_KINDS.flatMap((kind) =>
    (ctx.regional.ec2[kind.collection] as unknown as Record<string, unknown>[]).flatMap((record) =>
      ((record[kind.tagsKey] as Tag[] | undefined) ?? []).map((tag) => ({
        ...tag,
        ResourceId: record[kind.idKey] as string,
        ResourceType: RESOURCE_TYPES[kind.collection] ?? kind.collection,
      })),
    ),
  );
  const matching = applyFilters(
    all,
    input.Filters,
    {
      key: (t) => t.Key,
      value: (t) => t.Value,
      'resource-id': (t) => t.ResourceId,
      'resource-type': (t) => t.ResourceType,
    },
    (t) => [t],
  );
  const page = paginate(matching, (t) => `${t.ResourceId}\u0000${t.Key}`, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  return { Tags: page.items, NextToken: page.nextToken };
}

export const tagHandlers: Handlers = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};
