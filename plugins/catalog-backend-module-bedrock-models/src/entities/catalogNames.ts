const TAG_MAX_LENGTH = 63;

/**
 * Turns free text (an architecture, a classification, a user's tag) into a valid catalog tag:
 * lower case, runs of characters the catalog refuses become one hyphen; undefined when nothing is left.
 */
export function toCatalogTag(text: string): string | undefined {
  const tag = text
    .toLowerCase()
    .replace(/[^a-z0-9:+#]+/g, '-')
    .slice(0, TAG_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  return tag || undefined;
}

/** Valid, distinct tags from the given texts, in first-seen order. */
export function catalogTags(texts: Iterable<string | undefined>): string[] {
  const tags = new Set<string>();
  for (const text of texts) {
    const tag = text === undefined ? undefined : toCatalogTag(text);
    if (tag) tags.add(tag);
  }
  return [...tags];
}
