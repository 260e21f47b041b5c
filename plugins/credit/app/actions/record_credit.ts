import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { scheduleTimer } from '#jobs/timers'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { findRecord, type RecordKind } from '../support/credit_rows.js'

export const EXPIRY_TIMER = 'credit.record-expiry'

export interface CreditRecordInput {
  kind: Exclude<RecordKind, 'blacklist_revocation'>
  subjectCodeType: 'uscc' | 'id_card'
  subjectCode: string
  subjectName: string
  title: string
  content?: string
  issuingDepartment: string
  sourceDocument: string
  decidedOn: Date
  startsOn: Date
  endsOn?: Date
  penaltyType?: string
  fineAmount?: number
  legalBasis?: string
  /** A violation that imposes a market ban (市场禁入); a blacklist entry always bans */
  bans?: boolean
  restrictedRoles?: string[]
  categories?: string[]
  regionPrefix?: string
}

const isoDate = (date: Date) => DateTime.fromJSDate(date).toISODate()!

/** The first Beijing instant after the last day of the period */
export function expiryInstant(endsOn: string) {
  return DateTime.fromISO(endsOn, { zone: 'Asia/Shanghai' }).plus({ days: 1 }).toJSDate()
}

/**
 * Credit records (domain.md §6), written by supervisors. Penalty decisions
 * and blacklist entries are public by law (条例 Art. 78); rewards and
 * performance records are kept for the platform. A record with an end gets
 * an expiry timer in the tenant that recorded it. Audit payloads carry the
 * record id and its 文号, never the subject's code (an ID number for a person).
 */
export class RecordCredit {
  constructor(private readonly actor: AuditActor) {}

  async create(input: CreditRecordInput, via: Record<string, unknown> = {}) {
    const scope = currentScopeOrFail()
    const restricts = input.kind === 'blacklist' || (input.kind === 'violation' && !!input.bans)
    if (input.kind === 'violation' && input.bans && !input.endsOn) {
      // 条例 Arts. 67–68 and 法 Art. 60 bound every ban by years: it needs its end
      throw new RuleViolation('endsOn', 'credit.errors.ban_needs_end')
    }
    const [row] = await db
      .table('credit_records')
      .insert({
        subject_code: input.subjectCode,
        subject_code_type: input.subjectCodeType,
        subject_name: input.subjectName,
        kind: input.kind,
        title: input.title,
        content: input.content ?? '',
        penalty_type: input.penaltyType ?? null,
        fine_amount: input.fineAmount ?? null,
        legal_basis: input.legalBasis ?? null,
        issuing_department: input.issuingDepartment,
        source_document: input.sourceDocument,
        decided_on: isoDate(input.decidedOn),
        starts_on: isoDate(input.startsOn),
        ends_on: input.endsOn ? isoDate(input.endsOn) : null,
        restricts,
        restricted_roles: restricts ? (input.restrictedRoles ?? []) : [],
        categories: restricts ? (input.categories ?? []) : [],
        region_prefix: restricts ? (input.regionPrefix ?? '50') : '50',
        is_public: input.kind === 'violation' || input.kind === 'blacklist',
        recorded_in_tenant_id: scope.tenantId,
        created_by: this.actor.accountId,
      })
      .returning('id')
    const record = await findRecord(Number(row.id))
    if (record.endsOn) {
      await scheduleTimer({
        name: EXPIRY_TIMER,
        key: `credit-record-${record.id}`,
        runAt: expiryInstant(record.endsOn),
        payload: { recordId: record.id },
      })
    }
    await recordAudit(this.actor, {
      action: `credit.record.${record.kind}`,
      subjectType: 'credit_record',
      subjectId: record.id,
      payload: {
        sourceDocument: record.sourceDocument,
        department: record.issuingDepartment,
        startsOn: record.startsOn,
        endsOn: record.endsOn,
        restricts: record.restricts,
        ...via,
      },
    })
    return record
  }

  /** 撤销黑名单: a revocation record of its own, linked to the entry it ends */
  async revokeBlacklist(
    recordId: number,
    input: { issuingDepartment: string; sourceDocument: string; decidedOn: Date; reason: string }
  ) {
    const scope = currentScopeOrFail()
    const entry = await findRecord(recordId, true)
    if (entry.kind !== 'blacklist') throw new RuleViolation('record', 'credit.errors.not_blacklist')
    if (entry.status !== 'active') throw new RuleViolation('record', 'credit.errors.not_active')
    const decidedOn = isoDate(input.decidedOn)
    const [row] = await db
      .table('credit_records')
      .insert({
        subject_code: entry.subjectCode,
        subject_code_type: entry.subjectCodeType,
        subject_name: entry.subjectName,
        kind: 'blacklist_revocation',
        title: `撤销：${entry.title}`.slice(0, 200),
        content: input.reason,
        issuing_department: input.issuingDepartment,
        source_document: input.sourceDocument,
        decided_on: decidedOn,
        starts_on: decidedOn,
        is_public: true,
        revokes_record_id: entry.id,
        recorded_in_tenant_id: scope.tenantId,
        created_by: this.actor.accountId,
      })
      .returning('id')
    await db
      .from('credit_records')
      .where('id', entry.id)
      .update({ status: 'revoked', status_changed_at: db.raw('now()') })
    await recordAudit(this.actor, {
      action: 'credit.record.revoke',
      subjectType: 'credit_record',
      subjectId: entry.id,
      payload: { revocation: Number(row.id), sourceDocument: input.sourceDocument },
    })
    return findRecord(Number(row.id))
  }
}
