import { EntityName } from './EntityName';

/** An entity ref such as `user:default/ana`: kind, namespace and name. */
const ENTITY_REF = /^[a-z][\w-]*:[\w.-]+\/[\w.@-]+$/i;

/**
 * Who did something: a person or group by their catalog display name, or, for the registry's own actors
 * (`bedrock-models:approvals` expiring a request), the actor's id as it is.
 */
export const ActorName = (props: { actor: string }) =>
  ENTITY_REF.test(props.actor) ? (
    <EntityName entityRef={props.actor} />
  ) : (
    <span>{props.actor}</span>
  );
