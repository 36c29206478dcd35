// Slot computation alone (issue 14): a month of slots for a teacher with 500 busy entries in it,
// the pure function the slots route calls, timed over many runs in this process (no I/O). The
// issue's target is p50 <= 5 ms of server time for the whole request; this part should be well
// under 1 ms. Part of `npm run bench`, or alone: `node bench/slots.ts` (a few seconds;
// BENCH_SLOT_RUNS, default 3000).
import { performance } from 'node:perf_hooks';
import type { AvailabilityRules, TimeRange } from '../src/modules/availability/schedule-shape.schema.ts';
import { type BusyInterval, computeSlots, type SlotQuery } from '../src/modules/availability/slots.ts';

const RUNS = Number(process.env.BENCH_SLOT_RUNS ?? 3000);
const WARMUP = 300;
const BUSY = 500;
const TARGET_MS = 5;
const MIN = 60_000;

/** A small deterministic generator, so every run measures the same month. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const split = (...ranges: Array<[string, string]>): TimeRange[] =>
  ranges.map(([start, end]) => ({ start, end }));

/**
 * March 2026: both the teacher (Berlin) and the visitor (New York) change clocks inside it. Long
 * days in two ranges, 30-minute slots every 15 minutes (about 1,300 candidates), 500 busy entries
 * (sessions of other workshops with their buffers, calendar events, this workshop's group
 * sessions, some full), buffers, notice and a daily maximum: every path of the computation.
 */
export function slotBenchQuery(): SlotQuery {
  const workday = split(['08:00', '12:00'], ['13:00', '20:00']);
  const rules: AvailabilityRules = {
    timeZone: 'Europe/Berlin',
    weeklyHours: {
      monday: workday,
      tuesday: workday,
      wednesday: workday,
      thursday: workday,
      friday: workday,
      saturday: split(['09:00', '13:00']),
      sunday: [],
    },
    overrides: [
      { date: '2026-03-10', ranges: [] },
      { date: '2026-03-29', ranges: split(['01:00', '04:00'], ['10:00', '14:00']) },
    ],
  };
  const next = random(14);
  const monthStart = Date.parse('2026-03-01T00:00:00Z');
  const busy: BusyInterval[] = [];
  for (let i = 0; i < BUSY; i++) {
    // Starts on a 15-minute grid between 06:00 and 20:00 UTC on a day of the month.
    const day = Math.floor(next() * 31);
    const start = monthStart + day * 86_400_000 + (6 * 60 + Math.floor(next() * 56) * 15) * MIN;
    const roll = next();
    if (roll < 0.2) {
      const end = start + (15 + Math.floor(next() * 8) * 15) * MIN;
      busy.push({ start: new Date(start), end: new Date(end), kind: 'external' });
    } else if (roll < 0.3) {
      // This workshop's group session: busy time = 30 minutes plus its 5-minute buffers.
      const seats = 4;
      busy.push({
        start: new Date(start - 5 * MIN),
        end: new Date(start + 35 * MIN),
        kind: 'session',
        sessionOf: {
          workshopId: 1,
          sessionId: i,
          bookedSeats: Math.floor(next() * 5),
          seats,
          startTime: new Date(start),
        },
      });
    } else {
      const length = (30 + Math.floor(next() * 4) * 15) * MIN;
      busy.push({
        start: new Date(start - 10 * MIN),
        end: new Date(start + length + 10 * MIN),
        kind: 'session',
        sessionOf: {
          workshopId: 2 + (i % 7),
          sessionId: i,
          bookedSeats: Math.floor(next() * 2),
          seats: 1,
          startTime: new Date(start),
        },
      });
    }
  }
  return {
    rules,
    workshopId: 1,
    durationMinutes: 30,
    intervalMinutes: 15,
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 5,
    minimumNoticeMinutes: 120,
    horizonDays: 60,
    maxBookingsPerDay: 12,
    seats: 4,
    busy,
    now: new Date('2026-02-27T12:00:00Z'),
    range: { from: '2026-03-01', to: '2026-03-31', timeZone: 'America/New_York' },
  };
}

export interface SlotBenchResult {
  runs: number;
  firstMs: number;
  newZonesMs: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  slots: number;
  busy: number;
}

export function runSlotBench(runs = RUNS): SlotBenchResult {
  const query = slotBenchQuery();
  // The first call in a process pays for JIT compilation and the zones' offset tables.
  let started = performance.now();
  const answer = computeSlots(query);
  const firstMs = performance.now() - started;
  for (let i = 0; i < WARMUP; i++) computeSlots(query);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    computeSlots(query);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  // Warm code, two zones never seen: their offset tables are built (then cached per process).
  started = performance.now();
  computeSlots({
    ...query,
    rules: { ...query.rules, timeZone: 'Asia/Tokyo' },
    range: { ...query.range, timeZone: 'Australia/Sydney' },
  });
  const newZonesMs = performance.now() - started;
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    runs,
    firstMs,
    newZonesMs,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    meanMs: times.reduce((sum, t) => sum + t, 0) / times.length,
    slots: answer.days.reduce((sum, d) => sum + d.slots.length, 0),
    busy: query.busy.length,
  };
}

export function formatSlotBench(r: SlotBenchResult): string {
  const verdict = r.p50Ms <= TARGET_MS ? 'met' : 'MISSED';
  return [
    `slot computation (pure, in process): 31 days, ${r.busy} busy entries, ${r.slots} slots offered, ${r.runs} runs`,
    `p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms, mean ${r.meanMs.toFixed(3)} ms; first call in the process ${r.firstMs.toFixed(1)} ms, first call for two new zones ${r.newZonesMs.toFixed(1)} ms`,
    `slots p50 = ${r.p50Ms.toFixed(3)} ms (target <= ${TARGET_MS} ms for the whole request: ${verdict})`,
  ].join('\n');
}

if (import.meta.main) {
  console.log(formatSlotBench(runSlotBench()));
}
