import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt-get install chromium): Playwright cannot download its own browsers here.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium';

/**
 * Browser journeys through the running portal. `yarn test:e2e` (scripts/e2e.sh) starts the emulator
 * and the backend serving the built app and sets PLAYWRIGHT_URL; without it, the dev portal is started.
 */
export default defineConfig({
  testDir: 'e2e-tests',
  timeout: 60_000,
  expect: { timeout: 30_000 },
  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          // The backend serves the built app on :7007 (npm start's default).
          command: 'bash scripts/start.sh',
          url: 'http://localhost:7007',
          reuseExistingServer: true,
          timeout: 300_000,
        },
      ],
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],
  use: {
    // A step that cannot act fails on its own within this, with a screenshot, rather than at the test's end.
    actionTimeout: 30_000,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  // Failure screenshots and traces land here, kept as test artifacts.
  outputDir: 'e2e-test-report/artifacts',
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath,
          // Without the background-networking flags Chromium keeps calling out of this closed network.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
