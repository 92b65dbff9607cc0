/** The name part of an entity ref (`group:default/support-ml` → `support-ml`), for tight table cells. */
export function entityRefName(ref: string | undefined): string {
  if (!ref) return '—';
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':');
  return ref.slice(Math.max(slash, colon) + 1) || ref;
}

/** The kind part of an entity ref (`group:default/x` → `group`), if it has one. */
export function entityRefKind(ref: string | undefined): string | undefined {
  const colon = ref?.indexOf(':') ?? -1;
  return colon > 0 ? ref!.slice(0, colon) : undefined;
}
