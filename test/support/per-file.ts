import { resetOwnHours } from './bookings.ts';

// Test files share a worker's modules (vitest.config.ts: isolate false), so state a helper keeps
// for one file starts over here, before each file.
resetOwnHours();
