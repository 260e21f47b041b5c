import db from '@adonisjs/lucid/services/db'
import { PLATFORM_NOW_SQL } from '#core/clock'
import type { CreditRecordFacts, NegativeListRule } from './matching.js'

/**
 * Reads of the credit tables and the shapes the actions, the gate and the
 * transformers share. Dates leave the database as 'YYYY-MM-DD' text.
 */
export const RECORD_KINDS = [
  'violation',
  'blacklist',
  'blacklist_revocation',
  'reward',
  'performance',
] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

export const PENALTY_TYPES = [
  'warning',
  'fine',
  'confiscation',
  'disqualification',
  'suspension',
  'licence_revocation',
  'other',
] as const

export interface CreditRecordRow extends CreditRecordFacts {
  subjectCode: string
  subjectCodeType: 'uscc' | 'id_card'
  subjectName: string
  content: string
  penaltyType: string | null
  fineAmount: string | null
  legalBasis: string | null
  isPublic: boolean
  revokesRecordId: number | null
  createdAt: string
}

const RECORD_COLUMNS = `id::int as id, subject_code, subject_code_type, subject_name, kind, title,
  content, penalty_type, fine_amount::text as fine_amount, legal_basis, issuing_department,
  source_document, to_char(decided_on, 'YYYY-MM-DD') as decided_on,
  to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on,
  restricts, restricted_roles, categories, region_prefix, is_public, status,
  revokes_record_id::int as revokes_record_id, created_at`

function recordOf(row: any): CreditRecordRow {
  return {
    id: row.id,
    subjectCode: row.subject_code,
    subjectCodeType: row.subject_code_type,
    subjectName: row.subject_name,
    kind: row.kind,
    title: row.title,
    content: row.content,
    penaltyType: row.penalty_type,
    fineAmount: row.fine_amount,
    legalBasis: row.legal_basis,
    issuingDepartment: row.issuing_department,
    sourceDocument: row.source_document,
    decidedOn: row.decided_on,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    restricts: row.restricts,
    restrictedRoles: row.restricted_roles,
    categories: row.categories,
    regionPrefix: row.region_prefix,
    isPublic: row.is_public,
    status: row.status,
    revokesRecordId: row.revokes_record_id,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

/** Today in Beijing by the platform clock (the one a test may move) */
export async function creditToday(): Promise<string> {
  const { rows } = await db.rawQuery(
    `select to_char((${PLATFORM_NOW_SQL} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as today`
  )
  return rows[0].today
}

export async function recordsOf(subjectCode: string): Promise<CreditRecordRow[]> {
  const { rows } = await db.rawQuery(
    `select ${RECORD_COLUMNS} from credit_records where subject_code = ? order by decided_on desc, id desc`,
    [subjectCode]
  )
  return rows.map(recordOf)
}

export async function findRecord(id: number, forUpdate = false): Promise<CreditRecordRow> {
  const { rows } = await db.rawQuery(
    `select ${RECORD_COLUMNS} from credit_records where id = ?${forUpdate ? ' for update' : ''}`,
    [id]
  )
  if (!rows[0])
    throw Object.assign(new Error('Credit record not found'), {
      code: 'E_ROW_NOT_FOUND',
      status: 404,
    })
  return recordOf(rows[0])
}

export interface RecordFilters {
  subjectCode?: string
  kind?: string
  limit: number
}

export async function recordList(filters: RecordFilters): Promise<CreditRecordRow[]> {
  const where: string[] = []
  const bindings: unknown[] = []
  if (filters.subjectCode) {
    where.push('subject_code = ?')
    bindings.push(filters.subjectCode)
  }
  if (filters.kind) {
    where.push('kind = ?')
    bindings.push(filters.kind)
  }
  const { rows } = await db.rawQuery(
    `select ${RECORD_COLUMNS} from credit_records
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by id desc limit ?`,
    [...bindings, filters.limit]
  )
  return rows.map(recordOf)
}

export interface CreditRuleRow extends NegativeListRule {
  ownerTenantId: number
  createdAt: string
}

const RULE_COLUMNS = `id::int as id, name, condition_kinds, condition_min_count,
  condition_within_months, restricted_roles, categories, region_prefix,
  to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on,
  source_document, status, owner_tenant_id::int as owner_tenant_id, created_at`

function ruleOf(row: any): CreditRuleRow {
  return {
    id: row.id,
    name: row.name,
    conditionKinds: row.condition_kinds,
    conditionMinCount: row.condition_min_count,
    conditionWithinMonths: row.condition_within_months,
    restrictedRoles: row.restricted_roles,
    categories: row.categories,
    regionPrefix: row.region_prefix,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    sourceDocument: row.source_document,
    status: row.status,
    ownerTenantId: row.owner_tenant_id,
    createdAt: new Date(row.created_at).toISOString(),
  }
}

/** Rules that may be in force on `today`; the matcher decides which reach the act */
export async function rulesInForce(today: string): Promise<CreditRuleRow[]> {
  const { rows } = await db.rawQuery(
    `select ${RULE_COLUMNS} from credit_rules
     where status = 'active' and starts_on <= ?::date and (ends_on is null or ends_on >= ?::date)
     order by id`,
    [today, today]
  )
  return rows.map(ruleOf)
}

export async function ruleList(limit = 200): Promise<CreditRuleRow[]> {
  const { rows } = await db.rawQuery(
    `select ${RULE_COLUMNS} from credit_rules order by id desc limit ?`,
    [limit]
  )
  return rows.map(ruleOf)
}

export async function findRule(id: number, forUpdate = false): Promise<CreditRuleRow> {
  const { rows } = await db.rawQuery(
    `select ${RULE_COLUMNS} from credit_rules where id = ?${forUpdate ? ' for update' : ''}`,
    [id]
  )
  if (!rows[0])
    throw Object.assign(new Error('Credit rule not found'), {
      code: 'E_ROW_NOT_FOUND',
      status: 404,
    })
  return ruleOf(rows[0])
}

/**
 * What the law makes public on `today` (domain.md §6): penalty decisions for
 * six months from the decision, or for the ban they impose when longer, and
 * blacklist entries within their period and not revoked.
 */
export async function publicRecordsOf(subjectCode: string, today: string) {
  const { rows } = await db.rawQuery(
    `select ${RECORD_COLUMNS} from credit_records
     where subject_code = ? and is_public and decided_on <= ?::date and (
       (kind = 'violation'
         and ?::date <= greatest((decided_on + interval '6 months')::date, coalesce(ends_on, decided_on)))
       or (kind = 'blacklist' and status = 'active' and starts_on <= ?::date
         and (ends_on is null or ends_on >= ?::date)))
     order by decided_on desc, id desc`,
    [subjectCode, today, today, today, today]
  )
  return rows.map(recordOf)
}

export interface CheckRow {
  id: number
  subjectCode: string
  stage: string
  role: string
  category: string
  regionCode: string
  tradeId: number | null
  projectId: number | null
  outcome: string
  snapshot: unknown
  checkedAt: string
}

/** The tenant's own checks (RLS), newest first */
export async function checksOf(
  subjectCode: string | undefined,
  limit: number
): Promise<CheckRow[]> {
  const query = db
    .from('credit_checks')
    .orderBy('id', 'desc')
    .limit(limit)
    .select('id', 'subject_code', 'stage', 'role', 'category', 'region_code', 'trade_id')
    .select('project_id', 'outcome', 'snapshot', 'checked_at')
  if (subjectCode) query.where('subject_code', subjectCode)
  const rows = await query
  return rows.map((row: any) => ({
    id: Number(row.id),
    subjectCode: row.subject_code,
    stage: row.stage,
    role: row.role,
    category: row.category,
    regionCode: row.region_code,
    tradeId: row.trade_id === null ? null : Number(row.trade_id),
    projectId: row.project_id === null ? null : Number(row.project_id),
    outcome: row.outcome,
    snapshot: row.snapshot,
    checkedAt: new Date(row.checked_at).toISOString(),
  }))
}
