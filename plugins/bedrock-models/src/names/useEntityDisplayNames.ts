import { useCallback, useEffect, useState } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';

/** A ref's name as the catalog presents it (the entity's display name or title, else the ref's name). */
export type DisplayNameOf = (entityRef: string | undefined) => string;

/**
 * The catalog's display names of several entity refs at once (owners in a filter, actors in a list),
 * through the app's entity presentation API: what it knows at once, then what it reads from the catalog.
 * Without that API (a legacy app without the catalog) the refs' own names.
 */
export function useEntityDisplayNames(
  refs: ReadonlyArray<string | undefined>,
): DisplayNameOf {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const key = [...new Set(refs.filter((r): r is string => Boolean(r)))]
    .sort()
    .join('\n');
  const [names, setNames] = useState<Record<string, string>>({});
  // The same names again (the catalog's answer is usually what the snapshot said) cause no render:
  // a render of a page such as governance's costs more than the lookup.
  const showNames = useCallback((next: Record<string, string>) => {
    setNames(previous => (sameNames(previous, next) ? previous : next));
  }, []);

  useEffect(() => {
    if (!presentation || !key) return undefined;
    let current = true;
    const list = key.split('\n');
    const present = list.map(ref => presentation.forEntity(ref));
    showNames(
      Object.fromEntries(
        list.map((ref, i) => [ref, present[i].snapshot.primaryTitle]),
      ),
    );
    Promise.all(
      present.map((p, i) =>
        p.promise.then(
          s => [list[i], s.primaryTitle] as const,
          () => [list[i], p.snapshot.primaryTitle] as const,
        ),
      ),
    ).then(entries => {
      if (current) showNames(Object.fromEntries(entries));
    });
    return () => {
      current = false;
    };
  }, [presentation, key, showNames]);

  return useCallback(
    (ref: string | undefined) => {
      if (!ref) return '—';
      return names[ref] ?? defaultEntityPresentation(ref).primaryTitle;
    },
    [names],
  );
}

/** Whether two maps of ref to name hold the same entries. */
function sameNames(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every(k => a[k] === b[k])
  );
}
