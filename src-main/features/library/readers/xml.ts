import { XMLParser } from 'fast-xml-parser';
import { ReadFailure } from './types';

/**
 * XML from inside a book, parsed without ever expanding an entity: a document that declares
 * entities (or carries a DOCTYPE with an internal subset, where entities live) is refused before
 * it is parsed, and the parser's own entity handling is off. A bare DOCTYPE that only names the
 * document type (`<!DOCTYPE html>`, the NCX's PUBLIC identifier) declares nothing, fetches
 * nothing here, and is what pandoc and most EPUB tools write, so it is let through.
 */

/** A node as parsed: attributes under '@name', text under '#text', children by local name. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

const QUOTED = `(?:"[^"]*"|'[^']*')`;
const BARE_DOCTYPE = new RegExp(
  `^<!DOCTYPE\\s+[^\\s>\\[]+(?:\\s+(?:PUBLIC\\s+${QUOTED}(?:\\s+${QUOTED})?|SYSTEM\\s+${QUOTED}))?\\s*>`,
  'i',
);

/** True when the text declares an entity or a DTD subset, or has a DOCTYPE of any other shape. */
export function declaresEntities(xml: string): boolean {
  if (/<!ENTITY/i.test(xml)) return true;
  const doctype = /<!DOCTYPE/gi;
  for (let m = doctype.exec(xml); m; m = doctype.exec(xml)) {
    if (!BARE_DOCTYPE.test(xml.slice(m.index, m.index + 1000))) return true;
  }
  return false;
}

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

const parsers = new Map<string, XMLParser>();
function parserFor(stopNodes: readonly string[], keepPrefixes: boolean): XMLParser {
  const key = `${keepPrefixes}:${stopNodes.join(',')}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      removeNSPrefix: !keepPrefixes,
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      alwaysCreateTextNode: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      stopNodes: [...stopNodes],
    });
    parsers.set(key, parser);
  }
  return parser;
}

export interface XmlOptions {
  /** Elements (e.g. '*.a') whose content is kept as raw markup, for text with inline tags. */
  stopNodes?: readonly string[];
  /** Keep namespace prefixes ('dc:title', 'rdf:li'), as XMP needs; else names are local ('title'). */
  keepPrefixes?: boolean;
}

/** Parses one XML part of a book (bytes or text already decoded). `part` names it in the failure. */
export function parseXml(source: Uint8Array | string, part: string, options: XmlOptions = {}): XmlNode {
  const text = typeof source === 'string' ? source : decodeText(source);
  if (declaresEntities(text)) throw new ReadFailure('library.failures.xmlEntities', { name: part });
  try {
    const parsed: unknown = parserFor(options.stopNodes ?? [], options.keepPrefixes ?? false).parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as XmlNode;
  } catch {
    // fall through: the same failure as a document that parsed to nothing
  }
  throw new ReadFailure('library.failures.xmlBroken', { name: part });
}

/** A child (or attribute) as a list, whatever the parser made of one or many. */
export function list(value: XmlValue | undefined): XmlValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The child element `name` of `node`, the first when there are several. */
export function child(node: XmlValue | undefined, name: string): XmlNode | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const first = list(node[name])[0];
  return first && typeof first === 'object' && !Array.isArray(first) ? first : undefined;
}

/** Every child element `name` of `node`. */
export function children(node: XmlValue | undefined, name: string): XmlNode[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [];
  return list(node[name]).filter((c): c is XmlNode => !!c && typeof c === 'object' && !Array.isArray(c));
}

/** An attribute's value ('@' + local name), or null. */
export function attr(node: XmlValue | undefined, name: string): string | null {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  const value = node[`@${name}`];
  return typeof value === 'string' ? decodeEntities(value) : null;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The predefined XML entities and character references, replaced in one pass (a replacement is
 * never read again, so nothing expands). Unknown names are left as written.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** All the text inside a node (its own and its children's), entities decoded, spaces collapsed. */
export function textOf(node: XmlValue | undefined): string {
  const parts: string[] = [];
  const walk = (value: XmlValue | undefined, depth: number): void => {
    if (value === undefined || depth > 50) return;
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, depth + 1));
    else
      for (const [key, v] of Object.entries(value)) {
        if (!key.startsWith('@')) walk(v, depth + 1);
      }
  };
  walk(node, 0);
  return collapse(decodeEntities(parts.join(' ')));
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Markup to plain text: block ends become line breaks, every tag goes, entities are decoded
 * once, runs of spaces collapse. For descriptions, which tools write as escaped HTML.
 */
export function htmlToText(markup: string): string {
  return decodeEntities(
    markup
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|blockquote|tr)\s*>/gi, '\n')
      .replace(/<\/?[a-z][^>]*>/gi, ''),
  )
    .split('\n')
    .map(collapse)
    .filter(Boolean)
    .join('\n');
}
