import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { memo, type MouseEvent, type ReactElement } from 'react';
import { openExternalLink } from './externalLink';

/*
 * The seller's Markdown, made safe to show. Two layers: markdown-it never passes raw HTML
 * through (`html: false` writes it out as text) and refuses javascript:/vbscript:/file: links;
 * DOMPurify then strips whatever could still run (event handlers, scripts, forms, styles) and
 * two hooks apply the app's own rules: an image must be inline data (an offline app fetches
 * nothing, and a remote image would tell a tracker the entry was read), and a link may only be
 * http(s) or mailto, marked rel="noopener noreferrer". Clicks on links never navigate the
 * window: <Markdown> hands them to the app's external-link path (see externalLink.ts).
 */

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

/** Links the app may hand to the system browser or mail client. */
const SAFE_HREF = /^(?:https?:|mailto:)/i;
/** Images shown: inline data only (raster or SVG, which an <img> never runs). */
const SAFE_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|svg\+xml);/i;

let purifier: ReturnType<typeof DOMPurify> | null = null;

/** One DOMPurify instance with the app's hooks, made on first use (it needs the window). */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!SAFE_IMAGE.test(src)) {
        // The picture goes; its words stay, so the text still reads.
        const alt = node.getAttribute('alt') ?? '';
        node.replaceWith(node.ownerDocument.createTextNode(alt));
      }
    } else if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (SAFE_HREF.test(href)) {
        node.setAttribute('rel', 'noopener noreferrer');
        node.removeAttribute('target');
      } else node.removeAttribute('href');
    }
  });
  purifier = instance;
  return instance;
}

/** The HTML of `source`, safe to put in the page. */
export function renderMarkdown(source: string): string {
  const html = md.render(source);
  return getPurifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'class', 'id', 'target', 'srcset'],
    ALLOW_DATA_ATTR: false,
  });
}

/** A link's click inside rendered Markdown: to the system browser through the app, never this window. */
function onLinkClick(event: MouseEvent<HTMLDivElement>): void {
  const target = event.target instanceof Element ? event.target.closest('a') : null;
  if (!target) return;
  event.preventDefault();
  const href = target.getAttribute('href');
  if (href && SAFE_HREF.test(href)) openExternalLink(href);
}

export interface MarkdownProps {
  source: string;
  className?: string;
  /** What assistive technology calls the block (the preview). */
  label?: string;
}

/** Rendered, sanitised Markdown. */
export const Markdown = memo(function Markdown({ source, className, label }: MarkdownProps): ReactElement {
  return (
    <div
      className={`markdown${className ? ` ${className}` : ''}`}
      aria-label={label}
      role={label ? 'region' : undefined}
      onClick={onLinkClick}
      // Sanitised above: markdown-it with html off, then DOMPurify with the app's hooks.
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }}
    />
  );
});
