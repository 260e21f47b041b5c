import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { clock } from '#core/clock'
import { scheduleTimer } from '#jobs/timers'
import { type LocalDate, addDays, chinaDateOf } from '#trading/periods/local_date'
import type { Clock } from '#supervision/complaints/complaint_clock'
import { COMPLAINT_OVERDUE_ACTION } from '#supervision/rules/integrity_rules'
import type { ComplaintRow } from '#supervision/complaints/complaints'

/**
 * The due timer of a complaint's pending step: it fires at the first
 * instant after the due day (00:00 Beijing time) and, when the step is still
 * pending with that same due day, audits `complaint.overdue`, which alert
 * rule W19 turns into an alert. Each due day is its own timer, so a clock
 * stop or a step taken simply leaves the older timer with nothing to do.
 */
export const COMPLAINT_DUE_TIMER = 'supervision.complaint_due'

/** 采购法 Art. 57: procurement suspended for a complaint, 30 days at most */
export const PROCUREMENT_SUSPENSION_DAYS = 30
export const SUSPENSION_END_TIMER = 'supervision.procurement_suspension_end'

export type PendingStep = 'answer' | 'accept' | 'decision'

export function pendingStep(
  row: ComplaintRow,
  due: Clock
): { step: PendingStep; due: LocalDate } | null {
  if (row.status === 'filed' && row.kind === 'complaint' && due.acceptDue) {
    return { step: 'accept', due: due.acceptDue }
  }
  if (row.status === 'filed' && row.kind !== 'complaint' && due.answerDue) {
    return { step: 'answer', due: due.answerDue }
  }
  if (row.status === 'accepted' && due.decisionDue)
    return { step: 'decision', due: due.decisionDue }
  return null
}

function dayAfterInBeijing(day: LocalDate) {
  return new Date(`${addDays(day, 1)}T00:00:00+08:00`)
}

export async function scheduleComplaintDue(row: ComplaintRow, due: Clock) {
  const pending = pendingStep(row, due)
  if (!pending) return
  await scheduleTimer({
    name: COMPLAINT_DUE_TIMER,
    key: `complaint-${row.id}-${pending.step}-${pending.due}`,
    runAt: dayAfterInBeijing(pending.due),
    payload: { complaintId: row.id, step: pending.step, due: pending.due },
  })
}

export async function scheduleSuspensionEnd(complaintId: number, ends: LocalDate) {
  await scheduleTimer({
    name: SUSPENSION_END_TIMER,
    key: `complaint-${complaintId}-suspension-${ends}`,
    runAt: dayAfterInBeijing(ends),
    payload: { complaintId, step: 'suspension', due: ends },
  })
}

export async function checkComplaintDue(payload: Record<string, unknown>) {
  // Imported here: complaints.ts imports this module for scheduling
  const { clockOf, findComplaint } = await import('#supervision/complaints/complaints')
  const row = await findComplaint(Number(payload.complaintId))
  const pending = pendingStep(row, await clockOf(row))
  if (!pending || pending.step !== payload.step || pending.due !== payload.due) return
  await raiseOverdue(row, pending.step, pending.due)
}

/** Past its last day and not lifted: the suspension overstays the 30 days */
export async function checkSuspensionEnd(payload: Record<string, unknown>) {
  const { findComplaint } = await import('#supervision/complaints/complaints')
  const row = await findComplaint(Number(payload.complaintId))
  const lastDay = row.procurement_suspension_ends
  if (row.procurement_resumed_on || !lastDay || lastDay !== payload.due) return
  await raiseOverdue(row, 'suspension', lastDay)
}

async function raiseOverdue(row: ComplaintRow, step: PendingStep | 'suspension', due: LocalDate) {
  const { categoryOf } = await import('#supervision/complaints/complaints')
  const today = chinaDateOf(await clock.now())
  if (today <= due) return
  await recordAudit(SYSTEM_ACTOR, {
    action: COMPLAINT_OVERDUE_ACTION,
    subjectType: 'complaint',
    subjectId: row.id,
    payload: {
      complaint: row.id,
      kind: row.kind,
      regime: row.regime,
      category: categoryOf(row.regime),
      step,
      due,
      trade: row.trade_id,
    },
  })
}
