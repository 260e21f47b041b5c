import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { findTrade } from '#trading/trades'
import { loadWorkingCalendar } from '#trading/periods/calendar_store'
import { type LocalDate, addDays, chinaDateOf } from '#trading/periods/local_date'
import { CalendarMissingError } from '#trading/periods/working_calendar'
import {
  type ClockStop,
  type ComplaintKind,
  type Regime,
  STAGES,
  complaintClock,
} from '#supervision/complaints/complaint_clock'
import {
  PROCUREMENT_SUSPENSION_DAYS,
  scheduleComplaintDue,
  scheduleSuspensionEnd,
} from '#supervision/complaints/complaint_timers'
import { resumeTrade, suspendTrade } from '#trading/engine/procedure_engine'
import type { SupervisorActor } from '#supervision/alerts/decide_alert'

/**
 * Objections, challenges and complaints (domain.md §9) from filing to
 * decision. The complainant files; the supervisor of the regime accepts or
 * rejects a complaint, stops and restarts its clock, and decides; an
 * objection or challenge is answered by the tenderer (the entity whose
 * project the trade serves). Every step is audited and re-arms the due timer.
 */
export interface ComplaintRow {
  id: number
  tenant_id: number
  kind: ComplaintKind
  regime: Regime
  stage: string
  trade_id: number | null
  complainant_entity_id: number
  respondent: string
  claims: string
  known_on: string
  filed_at: Date
  filed_on: string
  status: 'filed' | 'accepted' | 'rejected' | 'answered' | 'decided'
  accepted_on: string | null
  clock_stops: ClockStop[]
  outcome: string | null
  outcome_on: string | null
  procurement_suspended_on: string | null
  procurement_suspension_ends: string | null
  procurement_resumed_on: string | null
}

const DATE_COLUMNS = `id, tenant_id, kind, regime, stage, trade_id, complainant_entity_id, respondent,
  claims, to_char(known_on, 'YYYY-MM-DD') as known_on, filed_at,
  to_char(filed_on, 'YYYY-MM-DD') as filed_on, status,
  to_char(accepted_on, 'YYYY-MM-DD') as accepted_on, clock_stops, outcome,
  to_char(outcome_on, 'YYYY-MM-DD') as outcome_on,
  to_char(procurement_suspended_on, 'YYYY-MM-DD') as procurement_suspended_on,
  to_char(procurement_suspension_ends, 'YYYY-MM-DD') as procurement_suspension_ends,
  to_char(procurement_resumed_on, 'YYYY-MM-DD') as procurement_resumed_on`

export function categoryOf(regime: Regime) {
  return regime === 'construction' ? 'construction' : 'government_procurement'
}

async function milestoneDates(tradeId: number | null) {
  if (!tradeId) return { bidDeadline: null, publicityEnds: null }
  const trade = await findTrade(tradeId)
  const deadline = trade.milestones?.bid_deadline
  const published = trade.milestones?.candidates_published
  return {
    bidDeadline: deadline ? chinaDateOf(new Date(deadline)) : null,
    // Candidate publicity: at least 3 days (条例 Art. 54)
    publicityEnds: published ? addDays(chinaDateOf(new Date(published)), 3) : null,
  }
}

/** What a complaint's clock depends on: a stored complaint, or one about to be filed */
type ClockFields = Pick<
  ComplaintRow,
  'regime' | 'kind' | 'stage' | 'trade_id' | 'known_on' | 'filed_on' | 'accepted_on' | 'clock_stops'
>

/** The clock of a complaint */
export async function clockOf(row: ClockFields) {
  try {
    return complaintClock(
      {
        regime: row.regime,
        kind: row.kind,
        stage: row.stage,
        knownOn: row.known_on,
        filedOn: row.filed_on,
        acceptedOn: row.accepted_on,
        stops: row.clock_stops,
        ...(await milestoneDates(row.trade_id)),
      },
      await loadWorkingCalendar()
    )
  } catch (error) {
    if (error instanceof CalendarMissingError) {
      throw new RuleViolation('complaint', 'trading.errors.calendar_missing', {
        year: String(error.year),
      })
    }
    throw error
  }
}

export async function findComplaint(id: number, lock = false): Promise<ComplaintRow> {
  const { rows } = await db.rawQuery(
    `select ${DATE_COLUMNS} from complaints where id = ? ${lock ? 'for update' : ''}`,
    [id]
  )
  if (!rows[0])
    throw new RuleViolation('complaint', 'supervision.complaints.errors.not_found', {}, 404)
  return {
    ...rows[0],
    id: Number(rows[0].id),
    trade_id: rows[0].trade_id && Number(rows[0].trade_id),
  }
}

export interface IncomingComplaint {
  kind: ComplaintKind
  regime: Regime
  stage: string
  tradeId?: number | null
  respondent: string
  claims: string
  knownOn: LocalDate
}

export class FileComplaint {
  constructor(
    private readonly actor: AuditActor & { accountId: number },
    private readonly entityId: number
  ) {}

  async handle(input: IncomingComplaint) {
    const scope = currentScopeOrFail()
    if (!STAGES[input.regime][input.kind].includes(input.stage)) {
      throw new RuleViolation('stage', 'supervision.complaints.errors.stage', {})
    }
    const trade = input.tradeId ? await findTrade(input.tradeId) : null
    if (input.kind !== 'complaint' && !trade?.projectId) {
      // Answered by the tenderer: the trade must name the project, and so the tenderer
      throw new RuleViolation('tradeId', 'supervision.complaints.errors.trade_required')
    }
    const now = await clock.now()
    const filedOn = chinaDateOf(now)
    if (input.knownOn > filedOn) {
      throw new RuleViolation('knownOn', 'supervision.complaints.errors.known_in_future')
    }
    const due = await clockOf({
      kind: input.kind,
      regime: input.regime,
      stage: input.stage,
      trade_id: trade?.id ?? null,
      known_on: input.knownOn,
      filed_on: filedOn,
      accepted_on: null,
      clock_stops: [],
    })
    if (due.filingLastDay && filedOn > due.filingLastDay) {
      throw new RuleViolation('knownOn', 'supervision.complaints.errors.window_closed', {
        lastDay: due.filingLastDay,
      })
    }
    const { rows } = await db.rawQuery(
      `insert into complaints (root_tenant_id, tenant_id, kind, regime, stage, trade_id,
         complainant_entity_id, respondent, claims, known_on, filed_at, filed_on)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [
        scope.rootTenantId,
        scope.tenantId,
        input.kind,
        input.regime,
        input.stage,
        trade?.id ?? null,
        this.entityId,
        input.respondent,
        input.claims,
        input.knownOn,
        now,
        filedOn,
      ]
    )
    const id = Number(rows[0].id)
    await recordAudit(this.actor, {
      action: 'complaint.file',
      subjectType: 'complaint',
      subjectId: id,
      payload: {
        kind: input.kind,
        regime: input.regime,
        stage: input.stage,
        trade: trade?.id ?? null,
      },
    })
    const complaint = await findComplaint(id)
    await scheduleComplaintDue(complaint, await clockOf(complaint))
    return complaint
  }
}

function refuseUnless(condition: boolean, status = 409) {
  if (!condition) {
    throw new RuleViolation('complaint', 'supervision.complaints.errors.wrong_status', {}, status)
  }
}

/** One supervisor step on a complaint: lock, check, change, audit, re-arm the due timer */
async function supervisorStep(
  actor: SupervisorActor,
  id: number,
  action: string,
  change: (
    row: ComplaintRow,
    today: LocalDate
  ) => { sets: Record<string, unknown>; payload: Record<string, unknown> }
) {
  const row = await findComplaint(id, true)
  const today = chinaDateOf(await clock.now())
  const { sets, payload } = change(row, today)
  await db
    .from('complaints')
    .where('id', id)
    .update({ ...sets, handled_by: actor.accountId })
  await recordAudit(actor, { action, subjectType: 'complaint', subjectId: id, payload })
  const updated = await findComplaint(id)
  await scheduleComplaintDue(updated, await clockOf(updated))
  return updated
}

export class HandleComplaint {
  constructor(private readonly actor: SupervisorActor) {}

  accept(id: number) {
    return supervisorStep(this.actor, id, 'complaint.accept', (row, today) => {
      refuseUnless(row.kind === 'complaint' && row.status === 'filed')
      return { sets: { status: 'accepted', accepted_on: today }, payload: { acceptedOn: today } }
    })
  }

  reject(id: number, reason: string) {
    return supervisorStep(this.actor, id, 'complaint.reject', (row, today) => {
      refuseUnless(row.kind === 'complaint' && row.status === 'filed')
      return {
        sets: { status: 'rejected', outcome: reason, outcome_on: today },
        payload: { reason },
      }
    })
  }

  stopClock(id: number, reason: string) {
    return supervisorStep(this.actor, id, 'complaint.clock_stop', (row, today) => {
      refuseUnless(row.status === 'accepted' && row.clock_stops.every((stop) => stop.to !== null))
      const stops = [...row.clock_stops, { from: today, to: null, reason }]
      return { sets: { clock_stops: JSON.stringify(stops) }, payload: { from: today, reason } }
    })
  }

  resumeClock(id: number) {
    return supervisorStep(this.actor, id, 'complaint.clock_resume', (row, today) => {
      const open = row.clock_stops.find((stop) => stop.to === null)
      refuseUnless(row.status === 'accepted' && !!open)
      const stops = row.clock_stops.map((stop) => (stop === open ? { ...stop, to: today } : stop))
      return { sets: { clock_stops: JSON.stringify(stops) }, payload: { to: today } }
    })
  }

  decide(id: number, outcome: string) {
    return supervisorStep(this.actor, id, 'complaint.decide', (row, today) => {
      refuseUnless(row.status === 'accepted' && row.clock_stops.every((stop) => stop.to !== null))
      return { sets: { status: 'decided', outcome, outcome_on: today }, payload: { outcome } }
    })
  }
}

/**
 * While a government procurement complaint is pending, the supervisor may
 * suspend its procurement activity for at most 30 days (采购法 Art. 57), once:
 * a second suspension would stretch the limit. A timer raises W19 if it is
 * still suspended after the last day.
 */
export class SuspendProcurement {
  constructor(private readonly actor: SupervisorActor) {}

  async suspend(id: number, reason: string) {
    const row = await findComplaint(id, true)
    refuseUnless(
      row.regime === 'government_procurement' &&
        row.kind === 'complaint' &&
        (row.status === 'filed' || row.status === 'accepted') &&
        row.trade_id !== null &&
        row.procurement_suspended_on === null
    )
    const today = chinaDateOf(await clock.now())
    const ends = addDays(today, PROCUREMENT_SUSPENSION_DAYS)
    await suspendTrade(row.trade_id!, { ...this.actor, role: 'supervisor' }, reason)
    await db.from('complaints').where('id', id).update({
      procurement_suspended_on: today,
      procurement_suspension_ends: ends,
      handled_by: this.actor.accountId,
    })
    await recordAudit(this.actor, {
      action: 'complaint.suspend_procurement',
      subjectType: 'complaint',
      subjectId: id,
      payload: { trade: row.trade_id, from: today, ends, reason },
    })
    await scheduleSuspensionEnd(id, ends)
    return findComplaint(id)
  }

  async resume(id: number) {
    const row = await findComplaint(id, true)
    refuseUnless(row.procurement_suspended_on !== null && row.procurement_resumed_on === null)
    const today = chinaDateOf(await clock.now())
    await resumeTrade(row.trade_id!, { ...this.actor, role: 'supervisor' })
    await db.from('complaints').where('id', id).update({
      procurement_resumed_on: today,
      handled_by: this.actor.accountId,
    })
    await recordAudit(this.actor, {
      action: 'complaint.resume_procurement',
      subjectType: 'complaint',
      subjectId: id,
      payload: { trade: row.trade_id, on: today },
    })
    return findComplaint(id)
  }
}

/** The tenderer answers an objection or a challenge */
export class AnswerComplaint {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(id: number, answer: string) {
    const row = await findComplaint(id, true)
    refuseUnless(row.kind !== 'complaint' && row.status === 'filed')
    const today = chinaDateOf(await clock.now())
    await db.from('complaints').where('id', id).update({
      status: 'answered',
      outcome: answer,
      outcome_on: today,
      handled_by: this.actor.accountId,
    })
    await recordAudit(this.actor, {
      action: 'complaint.answer',
      subjectType: 'complaint',
      subjectId: id,
      payload: { answer },
    })
    return findComplaint(id)
  }
}

/** The entity whose project the complaint's trade serves: it answers objections */
export async function respondentEntityOf(row: ComplaintRow): Promise<number | null> {
  if (!row.trade_id) return null
  const project = await db
    .from('trades as t')
    .join('projects as p', 'p.id', 't.project_id')
    .where('t.id', row.trade_id)
    .select('p.entity_id')
    .first()
  return project ? Number(project.entity_id) : null
}
