import { describe, expect, it } from 'vitest';
import { isSafeLink, renderMarkdown, renderMarkdownInline } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('Filter **dibersihkan**.\n\n- satu\n- dua')).toContain('<strong>dibersihkan</strong>');
    expect(renderMarkdown('lihat [SOP](https://lumajangkab.go.id/sop)')).toContain(
      '<a href="https://lumajangkab.go.id/sop" rel="noopener noreferrer nofollow">SOP</a>',
    );
  });

  it('escapes raw HTML', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox(1))',
    '[x](//evil.example/x)',
    '<javascript:alert(1)>',
  ])('keeps %s inert', (src) => {
    const html = renderMarkdown(src) + renderMarkdownInline(src);
    expect(html).not.toMatch(/<a |<img /i);
  });

  it('never loads an image (it stays a plain link)', () => {
    expect(renderMarkdown('![x](https://evil.example/pixel.png)')).not.toMatch(/<img/i);
  });

  it('allows relative and mailto links', () => {
    expect(isSafeLink('/ronde/2026/11/')).toBe(true);
    expect(isSafeLink('#temuan')).toBe(true);
    expect(isSafeLink('mailto:kasi@lumajangkab.go.id')).toBe(true);
    expect(isSafeLink('javascript:alert(1)')).toBe(false);
  });

  it('renders inline notes without a paragraph', () => {
    expect(renderMarkdownInline('beban *tinggi*\nperlu dicek')).toBe('beban <em>tinggi</em> perlu dicek');
    expect(renderMarkdownInline('')).toBe('');
  });
});
