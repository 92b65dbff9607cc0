export { EvaluationsPanel } from './EvaluationsPanel';
