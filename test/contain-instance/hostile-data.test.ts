// Data from the account reaches the humans as text: an instance's Name tag written to look like a Slack mention
// and an approval link is shown literally in Slack (escaped as Slack documents), never as a mention or a link.
import { describe, expect, it } from 'vitest';
import { API_3, account, contain, instance, type Loose, messages, sampleEvent } from '../support/instance.ts';

const HOSTILE_NAME = '<!channel> <https://example.invalid|click to approve>';

describe('contain-instance with a hostile instance Name tag', () => {
  it('shows the Name tag in Slack as literal text: no mention, no link', async () => {
    const on = account();
    const tags = instance(on, API_3).Tags as { Key: string; Value: string }[];
    tags.find((tag) => tag.Key === 'Name')!.Value = HOSTILE_NAME;

    const result = await contain(on, sampleEvent('ec2-01-backdoor-cc-activity'));

    expect(result.status).toBe('SUCCEEDED');
    const [post] = on.callsTo('Slack');
    const payload = post.input as Loose;
    const texts: string[] = [
      payload.text,
      ...payload.blocks.filter((block: Loose) => block.text?.type === 'mrkdwn').map((block: Loose) => block.text.text),
    ];
    expect(texts.join('\n')).toContain('&lt;!channel&gt; &lt;https://example.invalid|click to approve&gt;');
    for (const text of texts) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://example.invalid');
    }
    expect(messages(on)[0].text).toContain(HOSTILE_NAME);
  });
});
