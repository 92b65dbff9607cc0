import { useEntityPresentation } from '@backstage/plugin-catalog-react';

/**
 * An entity ref (a user, a group) as people read it: its catalog display name, with the ref itself as
 * the tooltip. For inline text; table cells use {@link useEntityDisplayNames}.
 */
export const EntityName = (props: { entityRef: string }) => {
  const { primaryTitle } = useEntityPresentation(props.entityRef);
  return <span title={props.entityRef}>{primaryTitle}</span>;
};
