import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { creditToday } from '../support/credit_rows.js'

/**
 * The expiry timer of a credit record, run in the tenant that recorded it:
 * a record whose period has ended leaves the active set, and the change is
 * audited. The gate already ignores a record past its end by date; this
 * makes the end visible in the record's status and in the audit chain.
 */
export default async function expireRecord(payload: { recordId: number }) {
  const today = await creditToday()
  const { rows } = await db.rawQuery(
    `update credit_records set status = 'expired', status_changed_at = now()
     where id = ? and status = 'active' and ends_on < ?::date
     returning id, source_document, to_char(ends_on, 'YYYY-MM-DD') as ends_on`,
    [payload.recordId, today]
  )
  if (!rows.length) return 'unchanged'
  await recordAudit(SYSTEM_ACTOR, {
    action: 'credit.record.expire',
    subjectType: 'credit_record',
    subjectId: payload.recordId,
    payload: { sourceDocument: rows[0].source_document, endsOn: rows[0].ends_on },
  })
  return 'expired'
}
