// Examples come from the AWS docs "Amazon EventBridge event patterns", "Content filtering in Amazon EventBridge
// event patterns" / "Comparison operators for use in event patterns", "Arrays in ... event patterns", "Matching null
// values and empty strings", and the aws/event-ruler README (the library behind EventBridge matching).
import { describe, expect, it } from 'vitest';
import { matchesPattern, validatePattern } from '../../serverless/event-patterns/matcher.ts';

// The EC2 instance state-change example event the content-filtering examples are written against.
const ec2Event = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

function withDetail(detail: Record<string, unknown>) {
  return { ...ec2Event, detail: { ...ec2Event.detail, ...detail } };
}

describe('field matching', () => {
  const terminatedEvent = {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '111122223333',
    time: '2017-12-22T18:43:48Z',
    region: 'us-west-1',
    resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
    detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
  };
  const terminationPattern = {
    source: ['aws.ec2'],
    'detail-type': ['EC2 Instance State-change Notification'],
    detail: { state: ['terminated'] },
  };

  it('matches the documented instance-termination pattern against a terminated-instance event', () => {
    expect(matchesPattern(terminationPattern, terminatedEvent)).toBe(true);
  });

  it('rejects the instance-termination pattern when the state differs', () => {
    const running = { ...terminatedEvent, detail: { ...terminatedEvent.detail, state: 'running' } };

    expect(matchesPattern(terminationPattern, running)).toBe(false);
  });

  it('rejects an event that lacks a field the pattern names', () => {
    const { detail: _detail, ...withoutDetail } = terminatedEvent;

    expect(matchesPattern(terminationPattern, withoutDetail)).toBe(false);
  });

  it('matches when the value equals any entry of the field array', () => {
    const pattern = { source: ['aws.ec2', 'aws.fargate'] };

    expect(matchesPattern(pattern, { source: 'aws.fargate' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.ecs' })).toBe(false);
  });

  it('matches numbers in nested objects (the Macie risk-score example)', () => {
    const macieEvent = {
      'detail-type': 'Macie Alert',
      source: 'aws.macie',
      detail: { 'notification-type': 'ALERT_CREATED', 'risk-score': 80, trigger: { 'alert-type': 'basic', risk: 8 } },
    };
    const pattern = {
      source: ['aws.macie'],
      'detail-type': ['Macie Alert'],
      detail: { 'risk-score': [80], trigger: { risk: [8] } },
    };

    expect(matchesPattern(pattern, macieEvent)).toBe(true);
    expect(matchesPattern(pattern, { ...macieEvent, detail: { ...macieEvent.detail, 'risk-score': 79 } })).toBe(false);
  });

  it('matches strings character by character without case folding', () => {
    expect(matchesPattern({ source: ['aws.ec2'] }, { source: 'AWS.EC2' })).toBe(false);
  });

  it('matches the empty-object pattern against any event', () => {
    expect(matchesPattern({}, ec2Event)).toBe(true);
  });
});

describe('null values and empty strings', () => {
  const launchEvent = {
    version: '0',
    id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
    'detail-type': 'EC2 Instance Launch Successful',
    source: 'aws.autoscaling',
    account: '123456789012',
    time: '2015-11-11T21:31:47Z',
    region: 'us-east-1',
    resources: [],
    detail: { eventVersion: '', responseElements: null },
  };

  it('matches an empty string with [""]', () => {
    expect(matchesPattern({ detail: { eventVersion: [''] } }, launchEvent)).toBe(true);
  });

  it('matches a JSON null with [null]', () => {
    const pattern = {
      source: ['aws.autoscaling'],
      'detail-type': ['EC2 Instance Launch Successful'],
      detail: { responseElements: [null] },
    };

    expect(matchesPattern(pattern, launchEvent)).toBe(true);
  });

  it('does not treat null and the empty string as interchangeable', () => {
    expect(matchesPattern({ detail: { responseElements: [''] } }, launchEvent)).toBe(false);
    expect(matchesPattern({ detail: { eventVersion: [null] } }, launchEvent)).toBe(false);
  });

  it('does not match [null] when the field is absent', () => {
    expect(matchesPattern({ detail: { missing: [null] } }, launchEvent)).toBe(false);
  });
});

describe('type strictness', () => {
  it('does not match a number pattern against a numeric string', () => {
    expect(matchesPattern({ detail: { count: [5] } }, { detail: { count: '5' } })).toBe(false);
  });

  it('does not match a string pattern against a number', () => {
    expect(matchesPattern({ detail: { count: ['5'] } }, { detail: { count: 5 } })).toBe(false);
  });

  it('matches booleans only against JSON booleans', () => {
    expect(matchesPattern({ detail: { enabled: [true] } }, { detail: { enabled: true } })).toBe(true);
    expect(matchesPattern({ detail: { enabled: [true] } }, { detail: { enabled: 'true' } })).toBe(false);
  });

  it('compares numbers by value, so 3.018e2 equals 301.8', () => {
    expect(matchesPattern({ detail: { 'x-limit': [3.018e2] } }, ec2Event)).toBe(true);
  });

  it('matches nothing when a field array is empty', () => {
    expect(matchesPattern({ source: [] }, ec2Event)).toBe(false);
  });

  it('never matches a non-object pattern or event', () => {
    expect(matchesPattern(['aws.ec2'], ec2Event)).toBe(false);
    expect(matchesPattern({ source: ['aws.ec2'] }, 'aws.ec2')).toBe(false);
  });
});

describe('prefix', () => {
  it('matches a time that starts with the documented date prefix', () => {
    const pattern = { time: [{ prefix: '2017-10-02' }] };

    expect(matchesPattern(pattern, { time: '2017-10-02T18:43:48Z' })).toBe(true);
    expect(matchesPattern(pattern, { time: '2017-10-03T18:43:48Z' })).toBe(false);
  });

  it('selects Auto Scaling events from European regions', () => {
    const pattern = { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] };

    expect(matchesPattern(pattern, { source: 'aws.autoscaling', region: 'eu-west-1' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.autoscaling', region: 'us-east-1' })).toBe(false);
  });

  it('only applies to string values', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ prefix: '5' }] } }, ec2Event)).toBe(false);
  });

  it('with equals-ignore-case matches the prefix in any casing', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };

    for (const service of ['EventBridge', 'EVENTBRIDGE', 'eventbridge']) {
      expect(matchesPattern(pattern, { detail: { service } })).toBe(true);
    }
    expect(matchesPattern(pattern, { detail: { service: 'Lambda' } })).toBe(false);
  });
});

describe('suffix', () => {
  it('matches a file name ending in .png', () => {
    const pattern = { FileName: [{ suffix: '.png' }] };

    expect(matchesPattern(pattern, { FileName: 'photos/cat.png' })).toBe(true);
    expect(matchesPattern(pattern, { FileName: 'photos/cat.png.txt' })).toBe(false);
  });

  it('is case sensitive without equals-ignore-case', () => {
    expect(matchesPattern({ FileName: [{ suffix: '.png' }] }, { FileName: 'cat.PNG' })).toBe(false);
  });

  it('with equals-ignore-case matches the suffix in any casing', () => {
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };

    expect(matchesPattern(pattern, { detail: { FileName: 'cat.PNG' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { FileName: 'cat.Png' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { FileName: 'cat.jpg' } })).toBe(false);
  });
});

describe('anything-but', () => {
  it('with a string matches any other state', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };

    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'initializing' }))).toBe(false);
  });

  it('with a number matches any other number', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };

    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 123 }))).toBe(false);
  });

  it('with a list of strings rejects every listed value', () => {
    const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };

    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'stopped' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ state: 'overloaded' }))).toBe(false);
  });

  it('with a list of numbers rejects every listed value', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };

    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 200 }))).toBe(false);
  });

  it('with a prefix rejects values that start with it', () => {
    const pattern = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };

    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'initializing' }))).toBe(false);
  });

  it('with a prefix tells our own events from AWS events', () => {
    const pattern = { source: [{ 'anything-but': { prefix: 'aws.' } }] };

    expect(matchesPattern(pattern, { source: 'idp.autopilot' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.guardduty' })).toBe(false);
  });

  it('with a suffix rejects values that end with it', () => {
    const pattern = { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } };

    expect(matchesPattern(pattern, { detail: { FileName: 'cat.png' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { FileName: 'notes.txt' } })).toBe(false);
  });

  it('with equals-ignore-case rejects the listed values in any casing', () => {
    const pattern = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } };

    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'STOPPED' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ state: 'overloaded' }))).toBe(false);
  });

  it('with a single equals-ignore-case value rejects it in any casing', () => {
    const pattern = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } };

    expect(matchesPattern(pattern, withDetail({ state: 'INITIALIZING' }))).toBe(false);
    expect(matchesPattern(pattern, ec2Event)).toBe(true);
  });

  it('with a wildcard rejects file paths that include /lib/', () => {
    const pattern = { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } };

    expect(matchesPattern(pattern, { detail: { FilePath: '/usr/bin/env' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { FilePath: '/usr/lib/libc.so' } })).toBe(false);
  });

  it('with a list of wildcards rejects paths matching any of them', () => {
    const pattern = { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } };

    expect(matchesPattern(pattern, { detail: { FilePath: '/usr/bin/env' } })).toBe(false);
    expect(matchesPattern(pattern, { detail: { FilePath: '/etc/hosts' } })).toBe(true);
  });

  it('does not match when the field is absent', () => {
    const pattern = { detail: { missing: [{ 'anything-but': 'initializing' }] } };

    expect(matchesPattern(pattern, ec2Event)).toBe(false);
  });
});

describe('numeric', () => {
  const documentedPattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };

  it('matches the documented pattern when every field is in range', () => {
    expect(matchesPattern(documentedPattern, ec2Event)).toBe(true);
  });

  it('excludes the open lower bound of a range', () => {
    expect(matchesPattern(documentedPattern, withDetail({ 'c-count': 0 }))).toBe(false);
  });

  it('excludes values above the closed upper bound of a range', () => {
    expect(matchesPattern(documentedPattern, withDetail({ 'c-count': 5.000001 }))).toBe(false);
  });

  it('fails the whole pattern when one field is out of range', () => {
    expect(matchesPattern(documentedPattern, withDetail({ 'd-count': 10 }))).toBe(false);
  });

  it.each([
    ['=', 7, 7, true],
    ['=', 7, 7.5, false],
    ['<', 7, 6.9, true],
    ['<', 7, 7, false],
    ['<=', 7, 7, true],
    ['>', 7, 7, false],
    ['>', 7, 7.1, true],
    ['>=', 7, 7, true],
    ['>=', 7, 6.9, false],
  ])('compares with %s %d against %d as a number (%s)', (operator, bound, value, expected) => {
    const pattern = { detail: { severity: [{ numeric: [operator, bound] }] } };

    expect(matchesPattern(pattern, { detail: { severity: value } })).toBe(expected);
  });

  it('compares numerically, not as text', () => {
    const pattern = { detail: { size: [{ numeric: ['>', 9] }] } };

    expect(matchesPattern(pattern, { detail: { size: 10 } })).toBe(true);
  });

  it('does not match numeric strings', () => {
    const pattern = { detail: { 'c-count': [{ numeric: ['>', 0] }] } };

    expect(matchesPattern(pattern, withDetail({ 'c-count': '3' }))).toBe(false);
  });
});

describe('IP address (cidr)', () => {
  const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };

  it('matches IPv4 addresses inside the range', () => {
    expect(matchesPattern(pattern, { detail: { sourceIPAddress: '10.0.0.0' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { sourceIPAddress: '10.0.0.255' } })).toBe(true);
  });

  it('rejects IPv4 addresses outside the range', () => {
    expect(matchesPattern(pattern, { detail: { sourceIPAddress: '10.0.1.0' } })).toBe(false);
  });

  it('matches the documented source-ip example with a /24 and a /8', () => {
    expect(matchesPattern({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { 'source-ip': [{ cidr: '10.0.0.0/8' }] } }, ec2Event)).toBe(true);
  });

  it('matches IPv6 addresses inside an IPv6 range', () => {
    const ipv6 = { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } };

    expect(matchesPattern(ipv6, { detail: { sourceIPAddress: '2001:db8::1' } })).toBe(true);
    expect(matchesPattern(ipv6, { detail: { sourceIPAddress: '2001:0db8:0000:0000:ffff::2' } })).toBe(true);
    expect(matchesPattern(ipv6, { detail: { sourceIPAddress: '2001:db8:0:1::1' } })).toBe(false);
  });

  it('does not match an address of the other family or a non-address', () => {
    expect(matchesPattern(pattern, { detail: { sourceIPAddress: '::ffff:10.0.0.1' } })).toBe(false);
    expect(matchesPattern(pattern, { detail: { sourceIPAddress: 'ec2.amazonaws.com' } })).toBe(false);
  });
});

describe('exists', () => {
  const pendingEvent = {
    version: '0',
    id: '7bf73129-1428-4cd3-a780-95db273d1602',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '123456789012',
    time: '2015-11-11T21:29:54Z',
    region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
    detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
  };
  const objectCountEvent = {
    'detail-type': ['EC2 Instance State-change Notification'],
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
    detail: { 'c-count': { c1: 100 } },
  };

  it('exists true matches an event that has detail.state', () => {
    expect(matchesPattern({ detail: { state: [{ exists: true }] } }, pendingEvent)).toBe(true);
  });

  it('exists true does not match an event without detail.state', () => {
    expect(matchesPattern({ detail: { state: [{ exists: true }] } }, objectCountEvent)).toBe(false);
  });

  it('exists false matches when the field is absent', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ exists: false }] } }, pendingEvent)).toBe(true);
  });

  it('exists false matches when the field is an object, because exists only sees leaves', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ exists: false }] } }, objectCountEvent)).toBe(true);
    expect(matchesPattern({ detail: { 'c-count': [{ exists: true }] } }, objectCountEvent)).toBe(false);
  });

  it('exists false does not match when the field has a value', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ exists: false }] } }, ec2Event)).toBe(false);
  });

  it('exists true counts a JSON null as present', () => {
    expect(matchesPattern({ detail: { reason: [{ exists: true }] } }, { detail: { reason: null } })).toBe(true);
  });

  it('exists false matches when the whole parent object is missing', () => {
    expect(matchesPattern({ detail: { state: [{ exists: false }] } }, { source: 'aws.ec2' })).toBe(true);
  });
});

describe('equals-ignore-case', () => {
  it('matches the detail-type in any casing', () => {
    const pattern = { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] };

    expect(matchesPattern(pattern, ec2Event)).toBe(true);
  });

  it('requires the whole value to be equal', () => {
    const pattern = { Name: [{ 'equals-ignore-case': 'alice' }] };

    expect(matchesPattern(pattern, { Name: 'ALICE' })).toBe(true);
    expect(matchesPattern(pattern, { Name: 'Alicia' })).toBe(false);
  });
});

describe('wildcard', () => {
  it('matches any .png file in the folder dir', () => {
    const pattern = { FileName: [{ wildcard: 'dir/*.png' }] };

    expect(matchesPattern(pattern, { FileName: 'dir/cat.png' })).toBe(true);
    expect(matchesPattern(pattern, { FileName: 'dir/cat.jpg' })).toBe(false);
  });

  it('anchors the pattern at both ends', () => {
    const pattern = { FileName: [{ wildcard: 'dir/*.png' }] };

    expect(matchesPattern(pattern, { FileName: 'otherdir/cat.png' })).toBe(false);
    expect(matchesPattern(pattern, { FileName: 'dir/cat.png.bak' })).toBe(false);
  });

  it('lets * match zero characters', () => {
    expect(matchesPattern({ FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/.png' })).toBe(true);
  });

  it('matches event bus ARNs in any account', () => {
    const pattern = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };

    expect(matchesPattern(pattern, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' })).toBe(
      true,
    );
    expect(matchesPattern(pattern, { EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/default' })).toBe(
      false,
    );
  });

  it('treats an escaped \\* as a literal asterisk', () => {
    const pattern = { FileName: [{ wildcard: 'a\\*b' }] };

    expect(matchesPattern(pattern, { FileName: 'a*b' })).toBe(true);
    expect(matchesPattern(pattern, { FileName: 'aXb' })).toBe(false);
  });

  it('treats an escaped \\\\ as a literal backslash', () => {
    const pattern = { FilePath: [{ wildcard: 'C:\\\\logs\\\\*' }] };

    expect(matchesPattern(pattern, { FilePath: 'C:\\logs\\app.log' })).toBe(true);
  });

  it('treats regular-expression characters literally', () => {
    expect(matchesPattern({ FileName: [{ wildcard: 'a.c*' }] }, { FileName: 'abc' })).toBe(false);
  });
});

describe('$or', () => {
  it('matches when either of two fields matches', () => {
    const pattern = { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] };

    expect(matchesPattern(pattern, { Location: 'New York', Day: 'Friday' })).toBe(true);
    expect(matchesPattern(pattern, { Location: 'Boston', Day: 'Monday' })).toBe(true);
    expect(matchesPattern(pattern, { Location: 'Boston', Day: 'Friday' })).toBe(false);
  });

  it('works inside a nested object with numeric conditions', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };

    expect(matchesPattern(pattern, withDetail({ 'c-count': 50, 'd-count': 50 }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'c-count': 50, 'd-count': 50, 'x-limit': 1 }))).toBe(false);
  });

  it('is ANDed with the fields beside it', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };

    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/EC2' })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.ec2', namespace: 'AWS/EC2' })).toBe(false);
  });

  it('accepts branches with several fields and nested $or', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
    };
    const base = { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' };

    expect(matchesPattern(pattern, { ...base, spaceId: 1000 })).toBe(true);
    expect(matchesPattern(pattern, { ...base, spaceId: 999 })).toBe(false);
  });
});

describe('arrays in events', () => {
  it('matches when the pattern array and the event array intersect', () => {
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };

    expect(matchesPattern(pattern, event)).toBe(true);
    expect(matchesPattern(pattern, { resources: [event.resources[0]] })).toBe(false);
  });

  it('does not match an empty event array', () => {
    expect(matchesPattern({ resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1'] }, { resources: [] })).toBe(
      false,
    );
  });

  it('applies operators to each element of an event array', () => {
    const event = { detail: { state: ['initializing', 'running'], sizes: [3, 30] } };

    expect(matchesPattern({ detail: { state: [{ prefix: 'run' }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { sizes: [{ numeric: ['>', 10] }] } }, event)).toBe(true);
  });

  it('matches fields of objects inside an array', () => {
    const event = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };

    expect(matchesPattern({ employees: { firstName: ['Anna'] } }, event)).toBe(true);
  });

  it('does not combine fields from different array elements', () => {
    const event = {
      employees: [
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };

    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, event)).toBe(false);
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, event)).toBe(true);
  });

  it('crushes nested arrays of objects', () => {
    const event = { employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] };

    expect(matchesPattern({ employees: { firstName: ['Peter'] } }, event)).toBe(true);
  });
});

describe('combined filters', () => {
  const complexPattern = {
    time: [{ prefix: '2017-10-02' }],
    detail: {
      state: [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
      'source-ip': [{ cidr: '10.0.0.0/8' }],
    },
  };

  it('matches the documented complex example', () => {
    expect(matchesPattern(complexPattern, ec2Event)).toBe(true);
  });

  it('fails the complex example when any single filter fails', () => {
    expect(matchesPattern(complexPattern, { ...ec2Event, time: '2017-10-03T00:00:00Z' })).toBe(false);
    expect(matchesPattern(complexPattern, withDetail({ state: 'initializing' }))).toBe(false);
    expect(matchesPattern(complexPattern, withDetail({ 'x-limit': 300 }))).toBe(false);
    expect(matchesPattern(complexPattern, withDetail({ 'source-ip': '192.168.0.1' }))).toBe(false);
  });

  it('uses the last of duplicated keys, as JSON.parse keeps it', () => {
    const pattern = JSON.parse(
      '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}',
    ) as unknown;

    expect(matchesPattern(pattern, { detail: { location: 'eu-west' } })).toBe(true);
    expect(matchesPattern(pattern, { detail: { location: 'us-east' } })).toBe(false);
  });
});

describe('GuardDuty findings', () => {
  const highSeverityBackdoor = {
    source: ['aws.guardduty'],
    'detail-type': ['GuardDuty Finding'],
    detail: { severity: [{ numeric: ['>=', 7] }], type: [{ prefix: 'Backdoor:EC2' }] },
  };

  function finding(type: string, severity: unknown, source = 'aws.guardduty') {
    return {
      version: '0',
      id: 'c8c4daa7-a20c-2f03-0070-b7393dd542ad',
      'detail-type': 'GuardDuty Finding',
      source,
      account: '123456789012',
      time: '2024-05-14T09:12:31Z',
      region: 'eu-west-1',
      resources: [],
      detail: {
        schemaVersion: '2.0',
        accountId: '123456789012',
        region: 'eu-west-1',
        partition: 'aws',
        id: '16afba5c5c43e07c9e3e5e2e544e95df',
        arn: 'arn:aws:guardduty:eu-west-1:123456789012:detector/123456/finding/16afba5c5c43e07c9e3e5e2e544e95df',
        type,
        resource: {
          resourceType: 'Instance',
          instanceDetails: {
            instanceId: 'i-99999999',
            networkInterfaces: [
              { privateIpAddress: '10.0.1.25', publicIp: '198.51.100.7', subnetId: 'subnet-99999999' },
            ],
            tags: [{ key: 'Environment', value: 'production' }],
          },
        },
        service: { serviceName: 'guardduty', action: { actionType: 'DNS_REQUEST' }, count: 4 },
        severity,
        createdAt: '2024-05-14T09:05:12.317Z',
        updatedAt: '2024-05-14T09:11:48.991Z',
        title: 'Command and Control server domain name queried by EC2 instance i-99999999.',
        description: 'EC2 instance i-99999999 is querying a domain name associated with a known C&C server.',
      },
    };
  }

  it('matches a high-severity Backdoor:EC2 finding', () => {
    expect(matchesPattern(highSeverityBackdoor, finding('Backdoor:EC2/C&CActivity.B!DNS', 8))).toBe(true);
  });

  it('matches at exactly severity 7 and at fractional severities above it', () => {
    expect(matchesPattern(highSeverityBackdoor, finding('Backdoor:EC2/DenialOfService.Tcp', 7))).toBe(true);
    expect(matchesPattern(highSeverityBackdoor, finding('Backdoor:EC2/Spambot', 7.5))).toBe(true);
  });

  it('rejects a medium-severity Backdoor:EC2 finding', () => {
    expect(matchesPattern(highSeverityBackdoor, finding('Backdoor:EC2/C&CActivity.B!DNS', 5))).toBe(false);
  });

  it('rejects a high-severity finding of another type', () => {
    expect(matchesPattern(highSeverityBackdoor, finding('Recon:EC2/PortProbeUnprotectedPort', 8))).toBe(false);
    expect(matchesPattern(highSeverityBackdoor, finding('CryptoCurrency:EC2/BitcoinTool.B!DNS', 8))).toBe(false);
  });

  it('rejects a severity given as a string', () => {
    expect(matchesPattern(highSeverityBackdoor, finding('Backdoor:EC2/C&CActivity.B!DNS', '8'))).toBe(false);
  });

  it('rejects the same finding from another source', () => {
    const fromSecurityHub = finding('Backdoor:EC2/C&CActivity.B!DNS', 8, 'aws.securityhub');

    expect(matchesPattern(highSeverityBackdoor, fromSecurityHub)).toBe(false);
  });

  it('selects findings by a private IP inside the network-interface array', () => {
    const pattern = {
      source: ['aws.guardduty'],
      detail: { resource: { instanceDetails: { networkInterfaces: { privateIpAddress: [{ cidr: '10.0.0.0/16' }] } } } },
    };

    expect(matchesPattern(pattern, finding('Backdoor:EC2/Spambot', 8))).toBe(true);
  });

  it('selects findings by a tag key and value from the same tag', () => {
    const production = {
      detail: { resource: { instanceDetails: { tags: { key: ['Environment'], value: ['production'] } } } },
    };
    const staging = {
      detail: { resource: { instanceDetails: { tags: { key: ['Environment'], value: ['staging'] } } } },
    };

    expect(matchesPattern(production, finding('Backdoor:EC2/Spambot', 8))).toBe(true);
    expect(matchesPattern(staging, finding('Backdoor:EC2/Spambot', 8))).toBe(false);
  });

  it('routes either Backdoor or CryptoCurrency findings with $or', () => {
    const pattern = {
      source: ['aws.guardduty'],
      detail: { $or: [{ type: [{ prefix: 'Backdoor:EC2' }] }, { type: [{ prefix: 'CryptoCurrency:EC2' }] }] },
    };

    expect(matchesPattern(pattern, finding('CryptoCurrency:EC2/BitcoinTool.B!DNS', 5))).toBe(true);
    expect(matchesPattern(pattern, finding('Recon:EC2/Portscan', 5))).toBe(false);
  });
});

describe('validatePattern', () => {
  it.each([
    ['termination', { source: ['aws.ec2'], detail: { state: ['terminated'] } }],
    ['null and empty', { detail: { responseElements: [null], eventVersion: [''] } }],
    ['prefix ignore case', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }],
    ['suffix ignore case', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }],
    ['anything-but number list', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }],
    ['anything-but prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }],
    [
      'anything-but wildcard list',
      { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } },
    ],
    ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }] } }],
    ['cidr v6', { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } }],
    ['exists', { detail: { 'c-count': [{ exists: false }] } }],
    ['wildcard escape', { FileName: [{ wildcard: 'dir/\\**.png' }] }],
    ['$or', { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] }],
  ])('accepts the documented %s pattern', (_name, pattern) => {
    expect(validatePattern(pattern)).toEqual([]);
  });

  it('rejects a pattern that is not an object', () => {
    expect(validatePattern(['aws.ec2'])).toEqual(['the pattern must be a JSON object, got an array']);
    expect(validatePattern('{"source": ["aws.ec2"]}')).toEqual(['the pattern must be a JSON object, got a string']);
    expect(validatePattern(null)).toEqual(['the pattern must be a JSON object, got null']);
  });

  it('rejects a leaf that is not an array, naming its path', () => {
    expect(validatePattern({ detail: { state: 'running' } })).toEqual([
      'detail.state: must be an array of match conditions or a nested object',
    ]);
  });

  it('rejects an unknown operator', () => {
    const [problem] = validatePattern({ detail: { state: [{ contains: 'run' }] } });

    expect(problem).toMatch(/^detail\.state\[0\]: unknown operator "contains"/);
  });

  it.each([
    ['prefix number', { prefix: 5 }, '"prefix" needs a string'],
    [
      'suffix with another nested operator',
      { suffix: { wildcard: '*' } },
      '"suffix" takes a string or {"equals-ignore-case"',
    ],
    ['exists string', { exists: 'yes' }, '"exists" needs true or false'],
    ['numeric not array', { numeric: 5 }, '"numeric" needs an array'],
    ['numeric bad operator', { numeric: ['!=', 5] }, 'operator "!=" is not one of'],
    ['numeric string operand', { numeric: ['>', '5'] }, 'operand of ">" must be a number'],
    ['numeric range upside down', { numeric: ['<', 5, '>', 0] }, 'lower bound (> or >=) followed by an upper bound'],
    ['numeric empty range', { numeric: ['>', 5, '<', 5] }, 'range is empty'],
    ['numeric odd length', { numeric: ['>', 0, '<'] }, 'one comparison or a lower and an upper bound'],
    ['anything-but mixed list', { 'anything-but': ['a', 1] }, 'only strings or only numbers'],
    ['anything-but boolean', { 'anything-but': true }, '"anything-but" accepts'],
    ['anything-but numeric', { 'anything-but': { numeric: ['>', 1] } }, '"anything-but" accepts'],
    ['anything-but empty prefix', { 'anything-but': { prefix: '' } }, 'cannot be empty'],
    ['consecutive wildcards', { wildcard: 'dir/**.png' }, 'consecutive * are not allowed'],
    ['bad wildcard escape', { wildcard: 'dir\\a' }, 'may only escape'],
    ['cidr without mask', { cidr: '10.0.0.1' }, 'needs exactly one "/"'],
    ['cidr mask too long', { cidr: '10.0.0.0/33' }, 'mask bits must be 0 to 32'],
    ['cidr not an address', { cidr: '10.0.0/8' }, 'is not an IPv4 or IPv6 address'],
    ['two operators in one object', { prefix: 'a', suffix: 'b' }, 'exactly one key'],
  ])('rejects %s', (_name, condition, message) => {
    const problems = validatePattern({ detail: { field: [condition] } });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('detail.field[0]: ');
    expect(problems[0]).toContain(message);
  });

  it('rejects nested arrays as match values', () => {
    expect(validatePattern({ source: [['aws.ec2']] })).toEqual([
      'source[0]: a match value must be a string, number, boolean, null or operator',
    ]);
  });

  it('rejects empty arrays and empty objects, which EventBridge refuses', () => {
    expect(validatePattern({ source: [] })).toEqual([
      'source: empty arrays are not allowed (they would match nothing)',
    ]);
    expect(validatePattern({ detail: {} })).toEqual(['detail: empty objects are not allowed']);
  });

  it('rejects $or with fewer than two branches or with operator names as fields', () => {
    expect(validatePattern({ $or: [{ source: ['aws.ec2'] }] })).toEqual([
      '$or: must be an array of at least two pattern objects',
    ]);
    expect(validatePattern({ detail: { $or: [{ numeric: [1] }, { prefix: ['a'] }] } })).toEqual([
      'detail.$or[0]: "numeric" is an operator, not a field name',
      'detail.$or[1]: "prefix" is an operator, not a field name',
    ]);
  });

  it('reports every problem, each with its path', () => {
    const problems = validatePattern({ source: 'aws.ec2', detail: { severity: [{ numeric: ['>=', '7'] }] } });

    expect(problems).toEqual([
      'source: must be an array of match conditions or a nested object',
      'detail.severity[0]: "numeric" operand of ">=" must be a number',
    ]);
  });
});
