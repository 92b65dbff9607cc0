export { bedrockModelsPlugin as default } from './plugin';
