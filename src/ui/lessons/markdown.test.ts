import { describe, expect, it } from 'vitest';
import { codeForEditor, isPythonBlock, renderProse, safeHref } from './markdown';

function html(md: string): string {
  return renderProse(md)
    .map((b) => (b.kind === 'html' ? b.html : `<CODE ${b.lang}>${b.code}</CODE>`))
    .join('');
}

describe('lesson prose is sanitized at the Markdown layer', () => {
  it('never renders raw HTML: <script> and <img onerror> come out as text', () => {
    const out = html('Hello <script>alert(1)</script> world.\n\n<img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>\n');
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toMatch(/<div/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('drops javascript:, data: and vbscript: links but keeps their text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x']) {
      const out = html(`[click me](${href.includes(' ') || href.includes('\t') ? `<${href}>` : href})`);
      expect(out).not.toMatch(/href=/i);
      expect(out).toContain('click me');
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('\u0001javascript:alert(1)')).toBeNull();
  });

  it('keeps http(s), mailto, in-page and relative links, external ones in a new tab without opener', () => {
    expect(html('[docs](https://docs.python.org/3/library/atexit.html)')).toContain(
      '<a href="https://docs.python.org/3/library/atexit.html" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    expect(html('[next](#lesson/atexit)')).toContain('<a href="#lesson/atexit">next</a>');
    expect(html('[a](mailto:x@example.com)')).toContain('href="mailto:x@example.com"');
  });

  it('escapes attribute breakouts in titles and addresses', () => {
    const out = html('[x](https://example.com/"onmouseover="alert(1) "t\\"itle")');
    expect(out).not.toMatch(/"\s*onmouseover=/);
  });

  it('turns images into their alt text', () => {
    expect(html('![a cat <b>](https://example.com/cat.png)')).not.toMatch(/<img/);
  });

  it('runs the sanitizer over every HTML block', () => {
    const seen: string[] = [];
    renderProse('para one\n\n```python\nx = 1\n```\n\npara two', (h) => {
      seen.push(h);
      return h;
    });
    expect(seen).toHaveLength(2);
  });
});

describe('code blocks', () => {
  it('splits fenced blocks out, with their language', () => {
    const blocks = renderProse('Intro.\n\n```python\nimport sys\nsys.exit(2)\n```\n\n## Remember\n\n- one');
    expect(blocks.map((b) => b.kind)).toEqual(['html', 'code', 'html']);
    expect(blocks[1]).toEqual({ kind: 'code', lang: 'python', code: 'import sys\nsys.exit(2)' });
    // Prose headings sit under the lesson title (h2).
    expect(blocks[2]?.kind === 'html' && blocks[2].html).toContain('<h3');
  });
  it('only python blocks are loadable; loaded code ends with a newline', () => {
    expect(isPythonBlock('python')).toBe(true);
    expect(isPythonBlock('py')).toBe(true);
    expect(isPythonBlock('sh')).toBe(false);
    expect(codeForEditor('x = 1')).toBe('x = 1\n');
  });
  it('a code block with HTML in it stays text', () => {
    const blocks = renderProse('```python\nprint("<script>")\n```');
    expect(blocks[0]).toEqual({ kind: 'code', lang: 'python', code: 'print("<script>")' });
  });
});
