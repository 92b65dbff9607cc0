/**
 * The outcome of importing a version with a classification into an existing model.
 *
 * @public
 */
export type ClassificationCheck =
  | { kind: 'same' }
  /** The version's data is more sensitive: the model's classification rises (admins only). */
  | { kind: 'raise'; from: string; to: string; message: string }
  /** A version may never lower its model's classification. */
  | { kind: 'lower'; message: string };

/**
 * Compares a new version's classification with its model's. Classifications are ordered from least
 * to most sensitive, as configured (public, internal, confidential, phi by default).
 *
 * @public
 */
export function checkVersionClassification(input: {
  modelName: string;
  model: string;
  requested: string;
  /** The configured classifications, least sensitive first. */
  order: string[];
}): ClassificationCheck {
  const { model, requested, order, modelName } = input;
  if (model === requested) return { kind: 'same' };
  if (order.indexOf(requested) < order.indexOf(model)) {
    return {
      kind: 'lower',
      message: `Model ${modelName} is classified ${model}; a new version may not lower that to ${requested}. Import it as ${model}.`,
    };
  }
  return {
    kind: 'raise',
    from: model,
    to: requested,
    message: `Importing a ${requested} version raises model ${modelName} from ${model} to ${requested}, which only the portal admins may do. Ask them, or import it as ${model} if the data allows.`,
  };
}

/**
 * Whether the caller may make `owner` the owner of a new model: a group they belong to, or themselves
 * (their ownership refs), unless they are an admin. Answers the refusal's message when not.
 *
 * @public
 */
export function checkNewModelOwner(input: {
  owner: string;
  callerOwnershipRefs: string[];
  isAdmin: boolean;
}): string | undefined {
  if (input.isAdmin || input.callerOwnershipRefs.includes(input.owner)) {
    return undefined;
  }
  return `You may not create a model owned by ${
    input.owner
  }: choose yourself or a group you belong to (${
    input.callerOwnershipRefs.join(', ') || 'none'
  }), or ask a portal admin.`;
}
