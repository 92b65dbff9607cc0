import {
  CreateModelImportJobCommand,
  GetModelImportJobCommand,
} from '@aws-sdk/client-bedrock';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmulatorTestKit, importInput } from '../__testUtils__/emulatorTestKit';
import { EmulatorState } from './EmulatorState';

describe('EmulatorState', () => {
  it('keeps regional and global data apart and round-trips through JSON', () => {
    const state = EmulatorState.empty();
    state.regional('svc', '111111111111', 'us-east-1', () => ({ n: 1 })).n = 2;
    state.global('svc', () => ({ g: true }));
    const copy = EmulatorState.fromJSON(state.toJSON());
    expect(
      copy.regional('svc', '111111111111', 'us-east-1', () => ({ n: 0 })),
    ).toEqual({ n: 2 });
    expect(
      copy.regional('svc', '111111111111', 'eu-central-1', () => ({ n: 0 })),
    ).toEqual({ n: 0 });
    expect(copy.allRegional('svc').map(r => r.region)).toEqual([
      'us-east-1',
      'eu-central-1',
    ]);
    expect(() => EmulatorState.fromJSON('{"version":2}')).toThrow(
      /not a bedrock-emulator state/,
    );
  });

  it('survives a restart when a state file is given', async () => {
    const stateFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-')),
      'state.json',
    );
    const first = await EmulatorTestKit.start({ stateFile });
    const { jobArn } = await first
      .bedrock()
      .send(
        new CreateModelImportJobCommand(
          importInput('kept', 's3://artifacts/kept/'),
        ),
      );
    await first.close();

    const second = await EmulatorTestKit.start({ stateFile });
    try {
      const job = await second
        .bedrock()
        .send(new GetModelImportJobCommand({ jobIdentifier: jobArn }));
      expect(job.jobName).toBe('kept-job');
    } finally {
      await second.close();
    }
  });
});
