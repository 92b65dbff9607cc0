import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole pages render in jsdom on machines shared by several builds: allow for slow runs.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(30_000);
