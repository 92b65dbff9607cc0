import { useEntity } from '@backstage/plugin-catalog-react';
import { modelNameOfEntity } from '../../model/modelNameOfEntity';
import { ModelOverview } from './ModelOverview';

/** The Bedrock tab of an `ai-model` Resource: the model its annotation (or name) names. */
export const ModelTab = () => {
  const { entity } = useEntity();
  return <ModelOverview modelName={modelNameOfEntity(entity)} />;
};
