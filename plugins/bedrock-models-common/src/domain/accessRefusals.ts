/**
 * The refusal of a change made with service credentials alone: a change needs a person to answer for it.
 * `what` says what is done, e.g. "Pointers are moved".
 *
 * @public
 */
export function serviceAloneRefusal(what: string): string {
  return `${what} on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.`;
}

/**
 * The refusal of a change to a model by someone who neither owns it nor is a portal admin. `action` says
 * what was refused, e.g. "move the pointers of model support-summarizer".
 *
 * @public
 */
export function notOwnerRefusal(action: string): string {
  return `You may not ${action}: only its owners and the portal admins may.`;
}
