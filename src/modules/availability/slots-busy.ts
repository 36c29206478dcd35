import { DAY, offsetAt, type ZoneClock } from './slots-zone.ts';

/**
 * A time the teacher is busy, as UTC instants, half-open [start, end).
 *
 * - A session (`kind: 'session'`): `start`/`end` are the time the session keeps its teacher busy,
 *   i.e. the stored `busy_from`/`busy_until` (the session plus its own workshop's buffers), the
 *   range the database's exclusion constraint compares. Every scheduled session counts, booked or
 *   not, fixed-schedule or slot-booked, of any workshop the teacher teaches.
 * - An external event (`kind: 'external'`, e.g. from the teacher's calendar feed): its own time.
 */
export interface BusyInterval {
  start: Date;
  end: Date;
  kind: 'session' | 'external';
  sessionOf?:
    | {
        workshopId: number;
        sessionId: number;
        bookedSeats: number;
        seats: number;
        /**
         * The session's own start (`start` is earlier by its buffer). Places a booked session on
         * the teacher's local day for the daily maximum; `start` is used when it is absent.
         */
        startTime?: Date | undefined;
      }
    | undefined;
}

/** What `BusyIndex.check` answers for a candidate: blocked, free for a new session, or joinable. */
export const BLOCKED = -1;
export const FREE = 0;

/**
 * The busy list sorted once by start with a running maximum of ends, swept with a moving index:
 * the candidates arrive in ascending order, so each check looks only at the entries that can
 * overlap it.
 */
export class BusyIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** maxEnd[i]: the latest end among entries 0..i. */
  private readonly maxEnd: number[] = [];
  private readonly entries: BusyInterval[] = [];
  /** Entries before this index start before the last candidate's end. */
  private next = 0;

  constructor(busy: readonly BusyInterval[]) {
    const valid = busy.filter((b) => b.start.getTime() < b.end.getTime());
    valid.sort((a, b) => a.start.getTime() - b.start.getTime());
    let max = Number.NEGATIVE_INFINITY;
    for (const entry of valid) {
      const end = entry.end.getTime();
      max = Math.max(max, end);
      this.starts.push(entry.start.getTime());
      this.ends.push(end);
      this.maxEnd.push(max);
      this.entries.push(entry);
    }
  }

  /**
   * Checks the candidate's busy time [from, to) (the slot plus this workshop's buffers) against
   * every entry. Free when nothing overlaps; joinable (the seats left, > 0) when the one entry
   * overlapping is a session of this workshop whose busy time is exactly the candidate's (the
   * session is at this slot: same start, same length, this workshop's buffers) with seats left;
   * blocked otherwise, a full session of this workshop at the slot included.
   */
  check(from: number, to: number, workshopId: number): number {
    const { starts, ends, maxEnd, entries } = this;
    while (this.next < starts.length && starts[this.next]! < to) this.next++;
    // Candidates ascend, but a caller checking out of order still gets a right answer.
    while (this.next > 0 && starts[this.next - 1]! >= to) this.next--;
    let joinable = FREE;
    for (let i = this.next - 1; i >= 0 && maxEnd[i]! > from; i--) {
      if (ends[i]! <= from) continue;
      const entry = entries[i]!;
      const own = entry.sessionOf;
      if (
        joinable === FREE &&
        entry.kind === 'session' &&
        own?.workshopId === workshopId &&
        starts[i] === from &&
        ends[i] === to
      ) {
        const left = own.seats - own.bookedSeats;
        if (left <= 0) return BLOCKED;
        joinable = left;
        continue;
      }
      return BLOCKED;
    }
    return joinable;
  }
}

/**
 * Booked sessions (at least one seat taken) per teacher-local day: what the daily maximum counts.
 * A group session is one booking however many students join it.
 */
export function bookingsPerDay(busy: readonly BusyInterval[], teacherClock: ZoneClock): Map<number, number> {
  const perDay = new Map<number, number>();
  for (const entry of busy) {
    if (entry.kind !== 'session' || !entry.sessionOf || entry.sessionOf.bookedSeats <= 0) continue;
    const at = (entry.sessionOf.startTime ?? entry.start).getTime();
    const day = Math.floor((at + offsetAt(teacherClock, at)) / DAY);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}
