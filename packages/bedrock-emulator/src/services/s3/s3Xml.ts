/** The namespace of every S3 response document. */
export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const NAMED_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for an XML element or attribute. Line breaks and other control characters become
 * character references, because XML parsers (the SDK's included) normalise literal CR/LF away and
 * S3 keys may contain them.
 */
export function escapeXml(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[&<>"'\u0000-\u0008\u000a-\u001f\u007f]/g,
    ch =>
      NAMED_ESCAPES[ch] ??
      `&#x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')};`,
  );
}

/** An element with escaped text content, e.g. `<Key>a&amp;b</Key>`. */
export function xmlText(
  name: string,
  value: string | number | boolean,
): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An element holding already-rendered child elements. */
export function xmlNode(name: string, children: string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

/** A whole document: declaration plus a root element in S3's namespace. */
export function xmlDocument(root: string, children: string[]): string {
  return `${XML_DECLARATION}<${root} xmlns="${S3_XML_NAMESPACE}">${children.join(
    '',
  )}</${root}>`;
}

/** An `<Error>` document; S3 error bodies carry no namespace. */
export function xmlErrorDocument(children: string[]): string {
  return `${XML_DECLARATION}${xmlNode('Error', children)}`;
}

const ENTITY_PATTERN =
  /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes the five predefined entities and character references of XML text. */
export function unescapeXml(text: string): string {
  return text.replace(ENTITY_PATTERN, (_, hex, decimal, named) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (decimal) return String.fromCodePoint(parseInt(decimal, 10));
    return NAMED_ENTITIES[named];
  });
}

/** Thrown when a request body is not the XML document the operation takes. */
export class MalformedXmlError extends Error {}

/**
 * Reads a small request document as its root's child elements, e.g.
 * `<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></...>` gives
 * `{ LocationConstraint: 'eu-west-1' }`. A child with elements inside keeps its raw inner XML, so the
 * caller can reject settings it does not implement. Deliberately narrow: the request bodies the
 * emulator accepts are flat, and a full XML parser is a dependency the package does not declare.
 */
export function readFlatXmlDocument(
  xml: string,
  expectedRoot: string,
): Record<string, string> {
  const body = xml
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/, '')
    .trim();
  const root = new RegExp(
    `^<${expectedRoot}(?:\\s+[^>]*?)?(?:/>|>([\\s\\S]*)</${expectedRoot}\\s*>)$`,
  ).exec(body);
  if (!root) {
    throw new MalformedXmlError(`expected a <${expectedRoot}> document`);
  }
  const children: Record<string, string> = {};
  let rest = (root[1] ?? '').trim();
  const child =
    /^<([A-Za-z][\w.-]*)(?:\s+[^>]*?)?(?:\/>|>([\s\S]*?)<\/\1\s*>)\s*/;
  while (rest.length > 0) {
    const match = child.exec(rest);
    if (!match) {
      throw new MalformedXmlError(`unexpected content in <${expectedRoot}>`);
    }
    const inner = match[2] ?? '';
    children[match[1]] = inner.includes('<') ? inner : unescapeXml(inner);
    rest = rest.slice(match[0].length);
  }
  return children;
}
