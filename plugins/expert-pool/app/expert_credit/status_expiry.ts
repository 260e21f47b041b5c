import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { recordAudit, SYSTEM_ACTOR } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { scheduleTimer } from '#jobs/timers'

/** Declared in the manifest's jobs as 'status_expiry' on the timers queue */
export const STATUS_EXPIRY_TIMER = 'expert-pool.status_expiry'

/**
 * A suspension or blacklisting "until" a date lasts through that day,
 * Beijing time: the timer fires at the next midnight there. The key names
 * the date, so a new period gets a new timer and an old timer finds its
 * period gone (see expireStatus).
 */
export async function scheduleStatusExpiry(expertId: number, until: string) {
  const runAt = DateTime.fromISO(until, { zone: 'Asia/Shanghai' }).plus({ days: 1 }).toJSDate()
  await scheduleTimer({
    name: STATUS_EXPIRY_TIMER,
    key: `expert-${expertId}-status-until-${until}`,
    runAt,
    payload: { expertId, until },
  })
}

/**
 * The timer's handler: returns the expert to the pool when the period it
 * was set for is still the one in force and has ended; a reinstatement or a
 * new period in the meantime leaves nothing to do.
 */
export async function expireStatus(payload: { expertId: number; until: string }) {
  const rows = await db
    .from('experts')
    .where('id', payload.expertId)
    .whereIn('status', ['suspended', 'blacklisted'])
    .where('status_until', payload.until)
    .whereRaw(`status_until < (${PLATFORM_NOW_SQL} at time zone 'Asia/Shanghai')::date`)
    .update({
      status: 'active',
      status_until: null,
      status_reason: null,
      updated_at: db.raw('now()'),
    })
    .returning(['id'])
  if (!rows.length) return 'nothing'
  await recordAudit(SYSTEM_ACTOR, {
    action: 'expert.status_expire',
    subjectType: 'expert',
    subjectId: payload.expertId,
    payload: { until: payload.until },
  })
  return 'reinstated'
}
