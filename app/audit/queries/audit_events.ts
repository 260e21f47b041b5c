import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { AUDIT_PAGE_SIZE, type auditFiltersValidator } from '#audit/validators/audit_filters'

/**
 * Read paths of the audit log. RLS decides what the request may see (the
 * city scope: every chain under the root; the tenant scope: its own); the
 * explicit filters mirror it so plans stay on the (root, tenant) indexes.
 * Newest first, with a keyset cursor on the id.
 */
export type AuditFilters = Infer<typeof auditFiltersValidator>

/** Dates are Chongqing calendar days: a day starts at 00:00 Asia/Shanghai */
const DAY_START = `(?::date)::timestamp at time zone 'Asia/Shanghai'`

export interface AuditEventRow {
  id: number
  tenant_id: number
  tenant_code: string
  seq: number
  occurred_at: Date
  actor_account_id: number | null
  actor_label: string
  action: string
  subject_type: string
  subject_id: string | null
  ip: string | null
  payload: Record<string, unknown>
  prev_hash: string
  hash: string
}

function visibleEvents() {
  const scope = currentScopeOrFail()
  const query = db
    .from('audit_events as e')
    .join('tenants as t', 't.id', 'e.tenant_id')
    .where('e.root_tenant_id', scope.rootTenantId!)
  if (scope.scope !== 'city') query.where('e.tenant_id', scope.tenantId!)
  return query
}

function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function calendarDay(date: Date) {
  return DateTime.fromJSDate(date).toISODate()!
}

export async function auditEventPage(filters: AuditFilters) {
  const limit = filters.limit ?? AUDIT_PAGE_SIZE
  const query = visibleEvents()
    .select(
      'e.id',
      'e.tenant_id',
      't.code as tenant_code',
      'e.seq',
      'e.occurred_at',
      'e.actor_account_id',
      'e.actor_label',
      'e.action',
      'e.subject_type',
      'e.subject_id',
      db.raw('host(e.ip) as ip')
    )
    .orderBy('e.id', 'desc')
    .limit(limit + 1)
  if (filters.action) query.where('e.action', filters.action)
  if (filters.subjectType) query.where('e.subject_type', filters.subjectType)
  if (filters.actor) query.whereILike('e.actor_label', likePattern(filters.actor))
  if (filters.tenant) query.where('t.code', filters.tenant)
  if (filters.from) query.whereRaw(`e.occurred_at >= ${DAY_START}`, [calendarDay(filters.from)])
  if (filters.to) {
    query.whereRaw(`e.occurred_at < ${DAY_START} + interval '1 day'`, [calendarDay(filters.to)])
  }
  if (filters.before) query.where('e.id', '<', filters.before)
  const rows: AuditEventRow[] = await query
  const more = rows.length > limit
  const events = more ? rows.slice(0, limit) : rows
  return { events, nextBefore: more ? events[events.length - 1].id : null }
}

/** One event, or E_ROW_NOT_FOUND (404) when it is not visible here */
export async function auditEventById(id: number): Promise<AuditEventRow> {
  return visibleEvents()
    .where('e.id', id)
    .select('e.*', 't.code as tenant_code', db.raw('host(e.ip) as ip'))
    .firstOrFail()
}
