import { EmptyState } from '@backstage/core-components';
import { ButtonLink } from '@backstage/ui';

/** Where the self-service import template is. */
export const IMPORT_TEMPLATE_PATH =
  '/create/templates/default/import-bedrock-model';

/** Nothing to show yet: points at the import template. */
export const NoModelsEmptyState = (props: {
  title: string;
  description: string;
}) => (
  <EmptyState
    missing="data"
    title={props.title}
    description={props.description}
    action={
      <ButtonLink href={IMPORT_TEMPLATE_PATH} variant="primary">
        Import a model
      </ButtonLink>
    }
  />
);
