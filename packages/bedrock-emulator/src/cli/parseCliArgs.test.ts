import { parseCliArgs } from './parseCliArgs';

describe('parseCliArgs', () => {
  it('reads every option', () => {
    const parsed = parseCliArgs(
      [
        '--port',
        '0',
        '--seed',
        'demo',
        '--state-file',
        's.json',
        '--time-scale',
        '60',
        '--import-seconds',
        '30',
        '--cold-start-idle',
        '10',
        '--cold-start-restore',
        '2',
        '--cold-start-restore-per-cmu',
        '3',
        '--cold-start-hold',
        '60',
        '--requests-per-copy',
        '2',
        '--quota-imported-models',
        '5',
        '--account',
        '111122223333',
        '--faults',
        '[{"throttleRate":0.3}]',
        '--fault-seed',
        '9',
      ],
      {},
    );
    expect(parsed).toEqual({
      help: false,
      options: {
        port: 0,
        seed: 'demo',
        stateFile: 's.json',
        timeScale: 60,
        importJobSeconds: 30,
        coldStartIdleSeconds: 10,
        coldStartRestoreSeconds: 2,
        coldStartRestorePerCmuSeconds: 3,
        coldStartHoldSeconds: 60,
        requestsPerCopy: 2,
        quotas: { importedModelsPerRegion: 5, concurrentImportJobs: 1 },
        defaultAccountId: '111122223333',
        faults: [{ throttleRate: 0.3 }],
        faultSeed: 9,
      },
    });
  });

  it('takes the port from BEDROCK_EMULATOR_PORT unless --port says otherwise', () => {
    expect(parseCliArgs([], { BEDROCK_EMULATOR_PORT: '4600' })).toEqual({
      help: false,
      options: { port: 4600 },
    });
    expect(
      parseCliArgs(['--port', '1'], { BEDROCK_EMULATOR_PORT: '4600' }),
    ).toEqual({ help: false, options: { port: 1 } });
  });

  it('refuses bad arguments with what to fix', () => {
    expect(() => parseCliArgs(['--port', 'x'])).toThrow(
      '--port needs a number, got x',
    );
    expect(() => parseCliArgs(['--seed', 'full'])).toThrow(
      '--seed knows only "demo"',
    );
    expect(() => parseCliArgs(['--bogus'])).toThrow(/Unknown option --bogus/);
    expect(() => parseCliArgs(['--faults', '[{"throttleRate":5}]'])).toThrow(
      'throttleRate must be a number from 0 to 1',
    );
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });
});
