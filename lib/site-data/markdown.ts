import MarkdownIt from 'markdown-it';

/**
 * Markdown of notes (round notes, check notes, maintenance narratives) rendered for the archive site.
 * Records are written by staff but the site is public evidence, so the renderer is strict:
 * raw HTML is escaped (`html: false`), images are off (no external requests from a note), and a link
 * is kept only for http(s), mailto or a same-site relative address — `javascript:`, `data:`,
 * `vbscript:` and every other scheme stay plain text.
 */
const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#|\.{1,2}\/)/i;

export function isSafeLink(url: string): boolean {
  // Browsers ignore tabs/newlines and leading control characters inside a scheme ("java\tscript:").
  const cleaned = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  if (!SAFE_LINK.test(cleaned)) return false;
  // A relative link must not hide a scheme after normalisation.
  return !/^[a-z][a-z0-9+.-]*:/i.test(cleaned) || /^(https?|mailto):/i.test(cleaned);
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable(['image']);
md.validateLink = isSafeLink;
// External links open in place, but without handing the archive's window to the target.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if (/^https?:/i.test(href)) token.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Block Markdown → safe HTML (paragraphs, lists, emphasis, links). Empty input → ''. */
export function renderMarkdown(text: string | null | undefined): string {
  if (typeof text !== 'string' || text.trim() === '') return '';
  return md.render(text);
}

/** Inline Markdown (one line in a table cell) → safe HTML without a wrapping paragraph. */
export function renderMarkdownInline(text: string | null | undefined): string {
  if (typeof text !== 'string' || text.trim() === '') return '';
  return md.renderInline(text.replace(/\s*\n\s*/g, ' '));
}
