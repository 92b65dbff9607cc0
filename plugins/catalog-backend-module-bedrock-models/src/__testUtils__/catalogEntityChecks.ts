import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';

// The policies the catalog backend applies to every entity by default (CatalogBuilder.buildEntityPolicy).
const catalogPolicy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

/**
 * Checks an entity as the catalog would: its entity policies, then the Resource kind's schema
 * (BuiltinKindsEntityProcessor). Throws the catalog's own error when it would refuse the entity.
 */
export async function expectAcceptedByCatalog(entity: Entity): Promise<void> {
  const checked = await catalogPolicy.enforce(entity);
  if (!checked)
    throw new Error(`Entity policies dropped ${entity.metadata.name}`);
  if (!(await resourceEntityV1alpha1Validator.check(checked))) {
    throw new Error(`${entity.metadata.name} is not a Resource entity`);
  }
}
