/**
 * Lesson prose: Markdown to blocks the page renders. Fenced code blocks become their own blocks
 * (the page gives a ```python block a "Load into editor" button); everything else becomes HTML.
 *
 * Raw HTML is never rendered: it is shown as text (escaped here, at the Markdown layer), link and
 * image addresses other than http(s), mailto, `#...` and relative ones are dropped, and in the
 * browser the result also goes through DOMPurify. The Markdown layer alone is already safe; the
 * sanitizer is a second line.
 */
import { Marked, type Tokens } from 'marked';

export type ProseBlock =
  | { kind: 'html'; html: string }
  | { kind: 'code'; lang: string; code: string };

export type Sanitizer = (html: string) => string;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** http(s), mailto, in-page and relative addresses; nothing else (no javascript:, data:, vbscript:...). */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  // Browsers ignore tabs, newlines and leading spaces/control characters in schemes: so do we.
  // eslint-disable-next-line no-control-regex
  const squeezed = href.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed);
  if (scheme) {
    const s = (scheme[1] ?? '').toLowerCase();
    if (s !== 'http' && s !== 'https' && s !== 'mailto') return null;
  }
  return href.trim();
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML in a lesson file (a block or inline tag) is shown as the text it is.
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      const safe = safeHref(href);
      if (safe === null) return inner;
      const external = /^(https?:|mailto:)/i.test(safe);
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      const rel = external ? ' target="_blank" rel="noopener noreferrer"' : '';
      return `<a href="${escapeHtml(safe)}"${t}${rel}>${inner}</a>`;
    },
    // Lessons have no images; an image's alt text is kept as text.
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
  },
});

/** Allowed markup after rendering (DOMPurify's allow-list in the browser). */
export const ALLOWED_TAGS = [
  'p', 'a', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 'span',
];
export const ALLOWED_ATTR = ['href', 'title', 'target', 'rel', 'align', 'start'];

/**
 * Splits the prose into blocks: fenced code blocks apart, the rest as (sanitized) HTML.
 * Headings are shifted down one level (the lesson title is the page's h2; prose "## Remember" is h3).
 */
export function renderProse(markdown: string, sanitize: Sanitizer = (h) => h): ProseBlock[] {
  const tokens = marked.lexer(markdown);
  const blocks: ProseBlock[] = [];
  let pending: Tokens.Generic[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const list = Object.assign(pending, { links: tokens.links });
    const html = marked.parser(list as unknown as Parameters<typeof marked.parser>[0]);
    blocks.push({ kind: 'html', html: sanitize(html) });
    pending = [];
  };
  for (const token of tokens) {
    if (token.type === 'code' && (token as Tokens.Code).codeBlockStyle !== 'indented') {
      flush();
      const code = token as Tokens.Code;
      blocks.push({ kind: 'code', lang: (code.lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '', code: code.text });
    } else if (token.type === 'heading') {
      const h = token as Tokens.Heading;
      pending.push({ ...h, depth: Math.min(6, h.depth + 1) });
    } else {
      pending.push(token);
    }
  }
  flush();
  return blocks;
}

/** The code a "Load into editor" button loads: the block's text with a final newline. */
export function codeForEditor(code: string): string {
  return code.endsWith('\n') ? code : `${code}\n`;
}

/** Whether a fenced block is Python the editor can load. */
export function isPythonBlock(lang: string): boolean {
  return lang === 'python' || lang === 'py' || lang === 'python3';
}
