import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { invites, memberships, users } from '../../db/schema/index.ts';
import type { Role } from './roles.ts';

// The team screen's reads and writes: invitations still waiting for an answer, one member's
// row under lock, the classes a member still teaches, and this month's usage of the plan.

/** Invitations neither accepted nor withdrawn (expired ones included), newest first. */
export async function listUnresolvedInvites(db: Executor, tenantId: number) {
  return db
    .select({
      id: invites.id,
      email: invites.email,
      name: invites.name,
      role: invites.role,
      expiresAt: invites.expiresAt,
      createdAt: invites.createdAt,
      invitedBy: users.name,
    })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.invitedBy))
    .where(and(eq(invites.tenantId, tenantId), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .orderBy(sql`${invites.createdAt} desc`, sql`${invites.id} desc`);
}

export async function lockInvite(db: Executor, tenantId: number, inviteId: number) {
  const [row] = await db
    .select()
    .from(invites)
    .where(and(eq(invites.tenantId, tenantId), eq(invites.id, inviteId)))
    .for('update');
  return row;
}

/** A new token (the old link stops working) and a new expiry for an unanswered invite. */
export async function renewInvite(
  db: Executor,
  tenantId: number,
  inviteId: number,
  values: { tokenHash: string; expiresAt: Date; invitedBy: number },
) {
  await db
    .update(invites)
    .set(values)
    .where(and(eq(invites.tenantId, tenantId), eq(invites.id, inviteId)));
}

/** A member's row with their name, locked until the transaction ends. */
export async function lockMember(db: Executor, tenantId: number, userId: number) {
  const [row] = await db
    .select({ userId: memberships.userId, role: memberships.role, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .orderBy(asc(memberships.id))
    .for('update', { of: memberships });
  return row;
}

export async function setRole(db: Executor, tenantId: number, userId: number, role: Role) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

/** Removes the membership; the member's availability schedules and calendar feed go with it (FKs). */
export async function deleteMembership(db: Executor, tenantId: number, userId: number) {
  await db.delete(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

export interface UpcomingClass {
  workshopId: number;
  title: string;
  status: 'active' | 'draft';
  bookingMode: 'fixed' | 'slots';
  upcomingSessions: number;
  nextSessionAt: Date | null;
}

/**
 * The classes a member still teaches: workshops (not archived) of theirs with a scheduled session
 * still to come, and active ones booked by slot from their hours (students can still book them).
 */
export async function upcomingClassesOf(db: Executor, tenantId: number, teacherId: number, now: Date) {
  return queryRows<UpcomingClass>(
    db,
    sql`select w.id as "workshopId", et.title, w.status, w.booking_mode as "bookingMode",
          count(s.id)::int as "upcomingSessions", min(s.start_time) as "nextSessionAt"
        from workshops w
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${tenantId}
        left join workshop_sessions s on s.workshop_id = w.id and s.tenant_id = ${tenantId}
          and s.status = 'scheduled' and s.start_time > ${now}
        where w.tenant_id = ${tenantId} and et.teacher_id = ${teacherId} and w.status <> 'archived'
        group by w.id, et.title
        having count(s.id) > 0 or (w.status = 'active' and w.booking_mode = 'slots')
        order by min(s.start_time) nulls last, et.title`,
  );
}

/**
 * This period's figures against the plan's limits. Each count is the one its limit is enforced
 * with: members plus open invites (inviteTeacher), bookings made since the month began in any
 * state that takes the allowance (`booking_allowance_used`, migration 0010), and workshops not
 * archived (workshops.repo `countLiveEventTypes`).
 */
export async function usageCounts(db: Executor, tenantId: number, since: Date, now: Date) {
  const [row] = await queryRows<{
    members: number;
    openInvites: number;
    bookings: number;
    eventTypes: number;
  }>(
    db,
    sql`select
          (select count(*)::int from memberships m where m.tenant_id = ${tenantId}) as members,
          (select count(*)::int from invites i where i.tenant_id = ${tenantId} and i.accepted_at is null
             and i.revoked_at is null and i.expires_at > ${now}) as "openInvites",
          (select count(*)::int from bookings b where b.tenant_id = ${tenantId} and b.created_at >= ${since}
             and b.status in ('pending', 'accepted', 'cancelled')) as bookings,
          (select count(*)::int from workshops w where w.tenant_id = ${tenantId}
             and w.status <> 'archived') as "eventTypes"`,
  );
  return row ?? { members: 0, openInvites: 0, bookings: 0, eventTypes: 0 };
}
