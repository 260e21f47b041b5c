import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { findExpert, type ExpertRow } from '../support/expert_rows.js'
import type { expertValidator } from '../validators/expert.js'
import { scheduleStatusExpiry } from '../expert_credit/status_expiry.js'

export type ExpertInput = Infer<typeof expertValidator>

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

export function columnsOf(input: ExpertInput) {
  return {
    name: input.name,
    id_number: input.idNumber,
    mobile: input.mobile,
    employer_uscc: input.employerUscc,
    title: input.title,
    title_level: input.titleLevel,
    years_in_field: input.yearsInField,
    specialty_codes: input.specialtyCodes,
    region_codes: input.regionCodes,
    busy_dates: [...new Set(input.busyDates.map(isoDate))].sort(),
    relative_employer_usccs: input.relativeEmployerUsccs,
    shareholding_usccs: input.shareholdingUsccs,
  }
}

/** The ID number is one person: a second record would let them be drawn twice */
async function assertIdNumberFree(idNumber: string, exceptId?: number) {
  const query = db.from('experts').where('id_number', idNumber).select('id')
  if (exceptId !== undefined) query.whereNot('id', exceptId)
  if (await query.first()) throw new RuleViolation('idNumber', 'expert_pool.errors.id_number_taken')
}

/**
 * Maintenance of the pool (the `expert_admin` side of 三端分离). Callers have
 * checked the `Expert` ability; each change is one audit event in the chain
 * of the tenant the request runs in. Audit payloads name changed fields but
 * never carry the ID number.
 */
export class MaintainExperts {
  constructor(private readonly actor: AuditActor) {}

  async create(input: ExpertInput, via: Record<string, unknown> = {}) {
    await assertIdNumberFree(input.idNumber)
    const [row] = await db.table('experts').insert(columnsOf(input)).returning('id')
    const id = Number(row.id)
    await recordAudit(this.actor, {
      action: 'expert.create',
      subjectType: 'expert',
      subjectId: id,
      payload: { specialtyCodes: input.specialtyCodes, ...via },
    })
    return findExpert(id)
  }

  async update(id: number, input: ExpertInput) {
    const before = await findExpert(id, true)
    await assertIdNumberFree(input.idNumber, id)
    const columns = columnsOf(input)
    const changed = (Object.keys(columns) as Array<keyof typeof columns>).filter(
      (key) => JSON.stringify(columns[key]) !== JSON.stringify(before[key as keyof ExpertRow])
    )
    if (changed.length === 0) return before
    await db
      .from('experts')
      .where('id', id)
      .update({ ...columns, updated_at: db.raw('now()') })
    await recordAudit(this.actor, {
      action: 'expert.update',
      subjectType: 'expert',
      subjectId: id,
      payload: { changed },
    })
    return findExpert(id)
  }

  suspend(id: number, until: Date, reason: string | null) {
    return this.setStatus(id, 'expert.suspend', {
      status: 'suspended',
      status_until: isoDate(until),
      status_reason: reason,
    })
  }

  blacklist(id: number, reason: string, until: Date | null) {
    return this.setStatus(id, 'expert.blacklist', {
      status: 'blacklisted',
      status_until: until ? isoDate(until) : null,
      status_reason: reason,
    })
  }

  reinstate(id: number) {
    return this.setStatus(id, 'expert.reinstate', {
      status: 'active',
      status_until: null,
      status_reason: null,
    })
  }

  /** Leaving the pool is final: the record stays, so past draw snapshots still name it */
  retire(id: number, reason: string | null) {
    return this.setStatus(id, 'expert.retire', {
      status: 'retired',
      status_until: null,
      status_reason: reason,
    })
  }

  /** The account the expert answers draws and evaluates with; null unlinks */
  async linkAccount(id: number, accountId: number | null) {
    const before = await findExpert(id, true)
    if (accountId !== null) {
      const account = await db.from('accounts').where('id', accountId).select('id').first()
      if (!account) throw new RuleViolation('accountId', 'expert_pool.draws.errors.account_unknown')
      const holder = await db
        .from('experts')
        .where('account_id', accountId)
        .whereNot('id', id)
        .select('id')
        .first()
      if (holder) throw new RuleViolation('accountId', 'expert_pool.draws.errors.account_taken')
    }
    await db
      .from('experts')
      .where('id', id)
      .update({ account_id: accountId, updated_at: db.raw('now()') })
    await recordAudit(this.actor, {
      action: 'expert.link_account',
      subjectType: 'expert',
      subjectId: id,
      payload: { from: before.account_id, to: accountId },
    })
    return findExpert(id)
  }

  private async setStatus(
    id: number,
    action: string,
    status: Pick<ExpertRow, 'status' | 'status_until' | 'status_reason'>
  ) {
    const before = await findExpert(id, true)
    if (before.status === 'retired') {
      throw new RuleViolation('status', 'expert_pool.errors.retired')
    }
    await db
      .from('experts')
      .where('id', id)
      .update({ ...status, updated_at: db.raw('now()') })
    await recordAudit(this.actor, {
      action,
      subjectType: 'expert',
      subjectId: id,
      payload: {
        from: before.status,
        to: status.status,
        until: status.status_until,
        reason: status.status_reason,
      },
    })
    // A period ends by itself, by timer (expert credit)
    if (status.status_until) await scheduleStatusExpiry(id, status.status_until)
    return findExpert(id)
  }
}
