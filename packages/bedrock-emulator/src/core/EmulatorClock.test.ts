import { EmulatorClock } from './EmulatorClock';

describe('EmulatorClock waits', () => {
  it('wakes a wait on emulator time when the clock is advanced past it', async () => {
    const clock = new EmulatorClock();
    const woken = clock.sleepUntil(clock.now() + 3_600_000);
    clock.advance(3_600_000);
    await expect(woken).resolves.toBe(true);
  });

  it('answers at once for a time already reached', async () => {
    const clock = new EmulatorClock();
    await expect(clock.sleepUntil(clock.now() - 1)).resolves.toBe(true);
  });

  it('releases every wait when closed, and refuses new ones', async () => {
    const clock = new EmulatorClock();
    const onTime = clock.sleepUntil(clock.now() + 3_600_000);
    const real = clock.sleepFor(3_600_000);
    clock.close();
    await expect(onTime).resolves.toBe(false);
    await expect(real).resolves.toBe(false);
    await expect(clock.sleepFor(1)).resolves.toBe(false);
  });

  it('does not shorten a real-time sleep when the clock moves', async () => {
    const clock = new EmulatorClock();
    let done = false;
    const real = clock.sleepFor(3_600_000).then(reached => {
      done = true;
      return reached;
    });
    clock.advance(7_200_000);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.close();
    await expect(real).resolves.toBe(false);
  });
});
