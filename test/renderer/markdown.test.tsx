// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown, renderMarkdown } from '../../src-renderer/src/ui/markdown';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The rendered HTML parsed back, to ask it questions rather than match strings. */
const dom = (source: string): HTMLElement => {
  const root = document.createElement('div');
  root.innerHTML = renderMarkdown(source);
  return root;
};

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const root = dom('# Call with Anna\n\n*Asked* about **budget** first.\n\n- one\n- two');
    expect(root.querySelector('h1')?.textContent).toBe('Call with Anna');
    expect(root.querySelector('em')?.textContent).toBe('Asked');
    expect(root.querySelector('strong')?.textContent).toBe('budget');
    expect(root.querySelectorAll('li')).toHaveLength(2);
  });

  it('writes raw HTML out as text: no script, no element', () => {
    const root = dom('Before <script>alert(1)</script> after <b onclick="x()">bold</b>');
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  it('refuses javascript:, vbscript:, file: and data: links (also disguised)', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'javascript&#58;alert(1)',
      '&#106;avascript:alert(1)',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    ]) {
      const root = dom(`[click me](${href})`);
      const hrefs = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(
        hrefs.every((h) => h === null || /^(https?:|mailto:)/.test(h)),
        href,
      ).toBe(true);
      expect(root.innerHTML.toLowerCase()).not.toMatch(/href="(javascript|vbscript|file|data):/);
    }
  });

  it('keeps http(s) and mailto links, with rel="noopener noreferrer" and no target', () => {
    const root = dom('[site](https://example.com/a?b=1) and <mailto:anna@example.com> and https://www.example.org/x');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a?b=1',
      'mailto:anna@example.com',
      'https://www.example.org/x',
    ]);
    for (const link of links) {
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(link.hasAttribute('target')).toBe(false);
    }
  });

  it('drops every remote image, keeping its alt text; keeps inline data images', () => {
    const root = dom(
      `![tracker](http://evil.example/pixel.gif) ![cdn](https://cdn.example/a.png) ![rel](/local.png) ![ok](${PNG})`,
    );
    const images = [...root.querySelectorAll('img')];
    expect(images.map((img) => img.getAttribute('src'))).toEqual([PNG]);
    expect(root.textContent).toContain('tracker');
    expect(root.textContent).toContain('cdn');
  });

  it('leaves no event handler from any input, even through entities and autolinks', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '![x" onerror="alert(1)](https://example.com/a.png)',
      '[a](https://example.com" onmouseover="alert(1))',
      '<svg/onload=alert(1)>',
      '<a href="https://example.com" onclick="steal()">x</a>',
      '&lt;img src=x onerror=alert(1)&gt;',
      `![pic](${PNG} "t\\" onerror=\\"alert(1)")`,
    ];
    for (const source of hostile) {
      const root = dom(source);
      const attributes = [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
      expect(
        attributes.filter((name) => name.startsWith('on')),
        source,
      ).toEqual([]);
      expect(root.querySelector('script, svg, iframe, object, embed, form'), source).toBeNull();
    }
  });

  it('decodes HTML entities as text, never as markup', () => {
    const root = dom('Caf&eacute; &amp; &lt;b&gt;bold&lt;/b&gt; &#x3C;script&#x3E;');
    expect(root.textContent).toBe('Café & <b>bold</b> <script>\n');
    expect(root.querySelector('b, script')).toBeNull();
  });
});

describe('<Markdown>', () => {
  it('opens a link through the external-link path and never navigates the window', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    render(<Markdown source="Read [the SPIN book](https://example.com/spin) first." label="Preview" />);
    const link = screen.getByRole('link', { name: 'the SPIN book' });
    const notPrevented = fireEvent.click(link);
    expect(notPrevented).toBe(false);
    expect(open).toHaveBeenCalledWith('https://example.com/spin', '_blank', 'noopener,noreferrer');
  });
});
