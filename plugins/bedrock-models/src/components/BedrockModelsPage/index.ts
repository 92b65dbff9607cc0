export { BedrockModelsPage } from './BedrockModelsPage';
