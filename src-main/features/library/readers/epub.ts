import { posix } from 'node:path';
import type { ContentsEntry, PersonRole } from '../contract';
import { throwIfAborted } from './abort';
import { addIsbn, addPeople, clean, cleanParagraphs, cleanTags, contentsEntry, LIMITS, yearOf } from './fields';
import { emptyItem, MAX_COVER_BYTES, ReadFailure, type FileReader, type ReadContext, type ReadItem } from './types';
import {
  attr,
  child,
  children,
  decodeEntities,
  htmlToText,
  parseXml,
  textOf,
  type XmlNode,
  type XmlValue,
} from './xml';
import { openSafeZip, type SafeZip } from './zip';

/**
 * EPUB 2 and 3: only META-INF/container.xml, the package document (OPF), the table of contents
 * (EPUB 3 nav, else the NCX) and the cover image are ever inflated, after the whole archive has
 * passed the ZIP checks in ./zip.ts.
 */

/**
 * A table of contents or a cover that is merely broken (bad XML, bad deflate data) is left out:
 * the book is still a book. Anything hostile (entities, a size that lies) still refuses the file.
 */
const LENIENT = new Set(['library.failures.xmlBroken', 'library.failures.epubDamaged']);

/**
 * No package document, nav or NCX is this large (a 5,000-item manifest is ~600 KB); a bigger one
 * is refused rather than parsed, as parsing is synchronous (~0.1-0.4 s a MB here) and the
 * time limit cannot interrupt it.
 */
const MAX_XML_BYTES = 4 * 1024 * 1024;

const RELATORS: Record<string, PersonRole> = {
  aut: 'author',
  author: 'author',
  edt: 'editor',
  editor: 'editor',
  trl: 'translator',
  translator: 'translator',
  nrt: 'narrator',
  narrator: 'narrator',
};

/** `href` (relative to the folder of the document that holds it) as an entry name, or null when it leaves the book. */
function resolveHref(baseDir: string, href: string | null): string | null {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  let path: string;
  try {
    path = decodeURIComponent(href.replace(/[#?].*$/, ''));
  } catch {
    path = href.replace(/[#?].*$/, '');
  }
  if (!path) return null;
  const joined = posix.normalize(posix.join(baseDir, path));
  return joined.startsWith('../') || joined === '..' || joined.startsWith('/') ? null : joined;
}

/** An entry's name as given, or matched without regard to case (some tools write "meta-inf/"). */
function findEntry(zip: SafeZip, name: string): string | null {
  if (zip.entries.has(name)) return name;
  const lower = name.toLowerCase();
  for (const key of zip.entries.keys()) if (key.toLowerCase() === lower) return key;
  return null;
}

async function readXml(zip: SafeZip, name: string, stopNodes: readonly string[] = []): Promise<XmlNode> {
  const entry = zip.entries.get(name);
  if (entry && entry.uncompressedSize > MAX_XML_BYTES) {
    throw new ReadFailure('library.failures.epubPartTooLarge', { name, mb: MAX_XML_BYTES / 1024 / 1024 });
  }
  return parseXml(await zip.read(name), name, { stopNodes });
}

/** The image formats a cover may be, told by their first bytes rather than by what the manifest claims. */
function imageMime(data: Uint8Array): string | null {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  if (data[0] === 0x47 && data[1] === 0x49 && data[2] === 0x46 && data[3] === 0x38) return 'image/gif';
  const riff = String.fromCharCode(...data.subarray(0, 4)) + String.fromCharCode(...data.subarray(8, 12));
  return riff === 'RIFFWEBP' ? 'image/webp' : null;
}

interface ManifestItem {
  id: string | null;
  path: string | null;
  mediaType: string;
  properties: string[];
}

/** EPUB 3 `<meta refines="#id" property="…">` values, by the refined element's id. */
function refinements(metas: XmlNode[]): Map<string, Map<string, string[]>> {
  const byId = new Map<string, Map<string, string[]>>();
  for (const meta of metas) {
    const refines = attr(meta, 'refines');
    const property = attr(meta, 'property');
    if (!refines?.startsWith('#') || !property) continue;
    const id = refines.slice(1);
    const props = byId.get(id) ?? new Map<string, string[]>();
    byId.set(id, props);
    props.set(property, [...(props.get(property) ?? []), textOf(meta)]);
  }
  return byId;
}

function readMetadata(item: ReadItem, metadata: XmlNode | undefined): void {
  const metas = children(metadata, 'meta');
  const refined = refinements(metas);
  const refinedValue = (node: XmlNode, property: string): string | null => {
    const id = attr(node, 'id');
    return (id && refined.get(id)?.get(property)?.[0]) || null;
  };

  const titles = children(metadata, 'title').filter((t) => textOf(t));
  const main = titles.find((t) => refinedValue(t, 'title-type') === 'main') ?? titles[0];
  const subtitle = titles.find((t) => t !== main && refinedValue(t, 'title-type') === 'subtitle');
  item.title = clean(main && (subtitle ? `${textOf(main)}: ${textOf(subtitle)}` : textOf(main)), LIMITS.title);

  for (const [tag, fallback] of [
    ['creator', 'author'],
    ['contributor', 'other'],
  ] as const) {
    for (const node of children(metadata, tag)) {
      const code = (attr(node, 'role') ?? refinedValue(node, 'role') ?? '').trim().toLowerCase();
      const role: PersonRole = code ? (RELATORS[code] ?? 'other') : fallback;
      addPeople(item.people, [textOf(node)], role);
    }
  }

  // An identifier marked as an ISBN first, then any other that reads as a valid one.
  const identifiers = children(metadata, 'identifier');
  const isIsbnScheme = (node: XmlNode): boolean =>
    /^isbn/i.test(attr(node, 'scheme') ?? '') || ['02', '15'].includes(refinedValue(node, 'identifier-type') ?? '');
  for (const node of [...identifiers.filter(isIsbnScheme), ...identifiers.filter((n) => !isIsbnScheme(n))]) {
    addIsbn(item.isbns, textOf(node));
  }

  item.publisher = clean(textOf(children(metadata, 'publisher')[0]), LIMITS.publisher);

  // EPUB 2 may carry several dates told apart by opf:event; the publication date comes first.
  const dates = children(metadata, 'date');
  const rank = (node: XmlNode): number => {
    const event = (attr(node, 'event') ?? '').toLowerCase();
    return event === 'publication' ? 0 : event === '' || event === 'original-publication' ? 1 : 2;
  };
  for (const node of [...dates].sort((a, b) => rank(a) - rank(b))) {
    item.year = yearOf(textOf(node));
    if (item.year !== null) break;
  }

  const language = clean(textOf(children(metadata, 'language')[0]), LIMITS.language);
  item.language = language && language.toLowerCase() !== 'und' ? language : null;

  const description = children(metadata, 'description')[0];
  if (description) {
    // Kept as raw markup (a stop node): tools write HTML there, escaped or not.
    const raw = typeof description['#text'] === 'string' ? description['#text'] : textOf(description);
    item.description = cleanParagraphs(htmlToText(decodeEntities(raw)), LIMITS.description);
  }

  item.tags = cleanTags(children(metadata, 'subject').map((s) => textOf(s)));
}

function manifestOf(pkg: XmlNode | undefined, opfDir: string): ManifestItem[] {
  return children(child(pkg, 'manifest'), 'item').map((node) => ({
    id: attr(node, 'id'),
    path: resolveHref(opfDir, attr(node, 'href')),
    mediaType: (attr(node, 'media-type') ?? '').toLowerCase(),
    properties: (attr(node, 'properties') ?? '').split(/\s+/).filter(Boolean),
  }));
}

async function readCover(
  zip: SafeZip,
  manifest: ManifestItem[],
  metadata: XmlNode | undefined,
): Promise<ReadItem['cover']> {
  const coverMeta = children(metadata, 'meta').find((m) => attr(m, 'name')?.toLowerCase() === 'cover');
  const coverRef = coverMeta ? attr(coverMeta, 'content') : null;
  const isImage = (i: ManifestItem): boolean => i.mediaType.startsWith('image/');
  const candidate =
    manifest.find((i) => i.properties.includes('cover-image')) ??
    (coverRef ? manifest.find((i) => i.id === coverRef && isImage(i)) : undefined) ??
    (coverRef ? manifest.find((i) => i.path?.endsWith(coverRef) && isImage(i)) : undefined) ??
    manifest.find((i) => (i.id === 'cover-image' || i.id === 'cover') && isImage(i));
  const name = candidate?.path ? findEntry(zip, candidate.path) : null;
  const entry = name ? zip.entries.get(name) : undefined;
  if (!name || !entry || entry.uncompressedSize > MAX_COVER_BYTES || entry.uncompressedSize === 0) return null;
  let data: Buffer;
  try {
    data = await zip.read(name);
  } catch (error) {
    if (error instanceof ReadFailure && LENIENT.has(error.key)) return null;
    throw error;
  }
  const mime = imageMime(data);
  return mime ? { mime, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) } : null;
}

/** EPUB 3: the `<nav epub:type="toc">` list, its nested `<ol>`s as levels. */
function navContents(doc: XmlNode): ContentsEntry[] {
  const navs: XmlNode[] = [];
  const findNavs = (node: XmlValue | undefined, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 30) return;
    if (Array.isArray(node)) return node.forEach((n) => findNavs(n, depth + 1));
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@') || key === '#text') continue;
      if (key === 'nav') navs.push(...children(node, 'nav'));
      else findNavs(value, depth + 1);
    }
  };
  findNavs(doc, 0);
  const toc = navs.find((n) => (attr(n, 'type') ?? '').split(/\s+/).includes('toc'));
  const out: ContentsEntry[] = [];
  const walk = (ol: XmlNode | undefined, level: number): void => {
    if (!ol || level >= LIMITS.contentsDepth) return;
    for (const li of children(ol, 'li')) {
      if (out.length >= LIMITS.contents) return;
      const label = child(li, 'a') ?? child(li, 'span');
      const raw = label && typeof label['#text'] === 'string' ? label['#text'] : textOf(label);
      const entry = contentsEntry(htmlToText(raw).replace(/\n/g, ' '), level);
      if (entry) out.push(entry);
      walk(child(li, 'ol'), entry ? level + 1 : level);
    }
  };
  walk(child(toc, 'ol'), 0);
  return out;
}

/** EPUB 2: the NCX's nested navPoints. */
function ncxContents(doc: XmlNode): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  const walk = (parent: XmlNode | undefined, level: number): void => {
    if (!parent || level >= LIMITS.contentsDepth) return;
    for (const point of children(parent, 'navPoint')) {
      if (out.length >= LIMITS.contents) return;
      const entry = contentsEntry(textOf(child(child(point, 'navLabel'), 'text')), level);
      if (entry) out.push(entry);
      walk(point, entry ? level + 1 : level);
    }
  };
  walk(child(child(doc, 'ncx'), 'navMap'), 0);
  return out;
}

/**
 * The table of contents: the nav document if there is one and it lists anything, else the NCX.
 * A broken or missing one leaves the contents empty (the book is still a book); one that
 * declares entities refuses the whole file, like any other part.
 */
async function readContents(
  zip: SafeZip,
  manifest: ManifestItem[],
  pkg: XmlNode | undefined,
): Promise<ContentsEntry[]> {
  const attempt = async (item: ManifestItem | undefined, read: (doc: XmlNode) => ContentsEntry[]) => {
    const name = item?.path ? findEntry(zip, item.path) : null;
    if (!name) return [];
    try {
      return read(await readXml(zip, name, ['*.a', '*.span']));
    } catch (error) {
      if (error instanceof ReadFailure && LENIENT.has(error.key)) return [];
      throw error;
    }
  };
  const nav = await attempt(
    manifest.find((i) => i.properties.includes('nav')),
    navContents,
  );
  if (nav.length > 0) return nav;
  const tocId = attr(child(pkg, 'spine'), 'toc');
  const ncx =
    (tocId ? manifest.find((i) => i.id === tocId) : undefined) ??
    manifest.find((i) => i.mediaType === 'application/x-dtbncx+xml');
  return attempt(ncx, ncxContents);
}

async function readBook(zip: SafeZip, ctx: ReadContext): Promise<ReadItem> {
  const item = emptyItem('ebook', 'application/epub+zip');
  const containerName = findEntry(zip, 'META-INF/container.xml');
  if (!containerName) throw new ReadFailure('library.failures.epubNoContainer');
  const container = await readXml(zip, containerName);
  const rootfiles = children(child(child(container, 'container'), 'rootfiles'), 'rootfile');
  const rootfile = rootfiles.find((r) => attr(r, 'media-type') === 'application/oebps-package+xml') ?? rootfiles[0];
  const opfPath = resolveHref('', attr(rootfile, 'full-path'));
  const opfName = opfPath ? findEntry(zip, opfPath) : null;
  if (!opfName) throw new ReadFailure('library.failures.epubNoPackage');
  throwIfAborted(ctx);

  const opf = await readXml(zip, opfName, ['*.description']);
  const pkg = child(opf, 'package');
  const metadata = child(pkg, 'metadata');
  readMetadata(item, metadata);
  throwIfAborted(ctx);

  const manifest = manifestOf(pkg, posix.dirname(opfName) === '.' ? '' : posix.dirname(opfName));
  item.contents = await readContents(zip, manifest, pkg);
  throwIfAborted(ctx);
  item.cover = await readCover(zip, manifest, metadata);
  return item;
}

export const epubReader: FileReader = {
  extensions: ['.epub'],
  async read(path, _size, ctx) {
    throwIfAborted(ctx);
    let zip: SafeZip | null = null;
    try {
      zip = await openSafeZip(path, ctx);
      const item = await readBook(zip, ctx);
      throwIfAborted(ctx);
      return item;
    } catch (error) {
      if (error instanceof ReadFailure) throw error;
      // Anything else (a parser's RangeError on absurd nesting, say) is still only a bad file.
      throw Object.assign(new ReadFailure('library.failures.epubDamaged'), { cause: error });
    } finally {
      zip?.close();
    }
  },
};
