import { EmulatorContext } from '../core/EmulatorService';

/** Stages the demo data: artifacts, imported models in two Regions and a month of metrics. */
export function seedDemo(_context: EmulatorContext): void {
  // Filled in once the services it uses exist.
}
