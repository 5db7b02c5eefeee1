// A self-contained HTML page (no external assets: reports are opened from S3 or out/ offline).
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `value` as HTML text: the five characters HTML gives a meaning escaped. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => entities[char]);
}

/**
 * A whole report page: `title` as its title and heading, then `body` (HTML, escaped by the caller). The page reads at
 * 1280 px: a cell marked `class="long"` (ARNs, error causes, details) breaks its long words anywhere; one marked
 * `class="nowrap"` (timestamps) stays on one line. Only marked cells break anywhere: every cell doing so would
 * squeeze short words letter by letter once a table has one long column.
 */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24;overflow-wrap:break-word}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.bad{background:#ffebe9}.num{text-align:right}
.long{overflow-wrap:anywhere}.nowrap{white-space:nowrap}
</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}
