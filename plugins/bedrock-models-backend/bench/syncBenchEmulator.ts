/* eslint-disable no-console */
// The emulator side of bench:sync, in its own process as AWS would be: seeds the imported models and
// prints `READY <endpoint> <per-Region counts>` once it listens.
import {
  seedImportedModels,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';

async function main() {
  const [count, regions] = process.argv.slice(2);
  const emulator = await startEmulator({ port: 0 });
  const perRegion = seedImportedModels(emulator, {
    count: Number(count),
    regions: regions.split(','),
  });
  console.log(`READY ${emulator.endpoint} ${JSON.stringify(perRegion)}`);
  process.on('SIGTERM', () => {
    emulator.close().then(() => process.exit(0));
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
