export { ModelTab } from './ModelTab';
export { ModelOverview } from './ModelOverview';
