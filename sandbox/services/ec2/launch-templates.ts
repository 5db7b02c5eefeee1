// Launch templates: DescribeLaunchTemplates and DescribeLaunchTemplateVersions (the snapshots a template's block
// device mappings reference must survive snapshot cleanup, so playbooks read them here).
import type { DescribeLaunchTemplatesRequest, DescribeLaunchTemplateVersionsRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { invalidEc2Token, requireByIds } from './resources.ts';

type TemplateRec = Ec2State['launchTemplates'][number];
type VersionRec = TemplateRec['versions'][number];

const TEMPLATE_FILTERS: FilterFields<TemplateRec> = {
  'create-time': (t) => t.CreateTime,
  'launch-template-name': (t) => t.LaunchTemplateName,
};

const VERSION_FILTERS: FilterFields<VersionRec> = {
  'create-time': (v) => v.CreateTime,
  'iam-instance-profile': (v) => [
    v.LaunchTemplateData?.IamInstanceProfile?.Arn,
    v.LaunchTemplateData?.IamInstanceProfile?.Name,
  ],
  'image-id': (v) => v.LaunchTemplateData?.ImageId,
  'instance-type': (v) => v.LaunchTemplateData?.InstanceType,
  'is-default-version': (v) => v.DefaultVersion,
};

const templateNameNotFound = () =>
  awsError(
    'InvalidLaunchTemplateName.NotFoundException',
    'At least one of the launch templates specified in the request does not exist.',
  );

function describeLaunchTemplates(ctx: HandlerContext, input: DescribeLaunchTemplatesRequest) {
  let selected = input.LaunchTemplateIds?.length
    ? requireByIds<TemplateRec>(ctx, 'launchTemplates', input.LaunchTemplateIds)
    : ctx.regional.ec2.launchTemplates;
  if (input.LaunchTemplateNames?.length) {
    const names = input.LaunchTemplateNames;
    if (!names.every((n) => selected.some((t) => t.LaunchTemplateName === n))) throw templateNameNotFound();
    selected = selected.filter((t) => names.includes(t.LaunchTemplateName!));
  }
  const matching = applyFilters(selected, input.Filters, TEMPLATE_FILTERS);
  const page = paginate(matching, (t) => t.LaunchTemplateId, {
    token: input.NextToken,
    pageSize: input.MaxResults,
    invalidToken: invalidEc2Token,
  });
  return { LaunchTemplates: page.items, NextToken: page.nextToken };
}

function templatesFor(ctx: HandlerContext, input: DescribeLaunchTemplateVersionsRequest): TemplateRec[] {
  if (input.LaunchTemplateId) return requireByIds<TemplateRec>(ctx, 'launchTemplates', [input.LaunchTemplateId]);
  if (input.LaunchTemplateName) {
    const template = ctx.regional.ec2.launchTemplates.find((t) => t.LaunchTemplateName === input.LaunchTemplateName);
    if (!template) throw templateNameNotFound();
    return [template];
  }
  return ctx.regional.ec2.launchTemplates;
}

/** Versions: numbers, '$Latest' or '$Default'; MinVersion/MaxVersion bound the numbers. */
function selectVersions(template: TemplateRec, input: DescribeLaunchTemplateVersionsRequest): VersionRec[] {
  const wanted = input.Versions ?? [];
  return template.versions.filter((v) => {
    const n = v.VersionNumber ?? 0;
    if (input.MinVersion !== undefined && n < Number(input.MinVersion)) return false;
    if (input.MaxVersion !== undefined && n > Number(input.MaxVersion)) return false;
    if (!wanted.length) return true;
    return wanted.some(
      (w) =>
        (w === '$Latest' && n === template.LatestVersionNumber) ||
        (w === '$Default' && n === template.DefaultVersionNumber) ||
        w === String(n),
    );
  });
}

function describeLaunchTemplateVersions(ctx: HandlerContext, input: DescribeLaunchTemplateVersionsRequest) {
  const versions = templatesFor(ctx, input).flatMap((t) => selectVersions(t, input));
  const matching = applyFilters(versions, input.Filters, VERSION_FILTERS, () => []);
  const page = paginate(matching, (v) => `${v.LaunchTemplateId}:${String(v.VersionNumber).padStart(8, '0')}`, {
    token: input.NextToken,
    pageSize: input.MaxResults,
    invalidToken: invalidEc2Token,
  });
  return { LaunchTemplateVersions: page.items, NextToken: page.nextToken };
}

export const launchTemplateHandlers: Handlers = {
  DescribeLaunchTemplates: describeLaunchTemplates,
  DescribeLaunchTemplateVersions: describeLaunchTemplateVersions,
};
