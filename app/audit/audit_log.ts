import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { canonicalJson } from '#audit/canonical_json'
import { currentScopeOrFail } from '#tenancy/tenant_context'

/**
 * Appends events to the current tenant's hash chain (ARCHITECTURE.md §4).
 * Runs inside the caller's tenant transaction, so the event commits or rolls
 * back with the change it records. A per-tenant advisory lock orders the
 * chain; the database clock stamps the time.
 */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditActor {
  accountId: number | null
  /** A readable name kept with the event: accounts may be renamed later */
  label: string
  ip?: string | null
}

export interface AuditEntry {
  action: string
  subjectType: string
  subjectId?: string | number | null
  payload?: Record<string, unknown>
}

export const SYSTEM_ACTOR: AuditActor = { accountId: null, label: 'system', ip: null }

/** What the hash covers, in one place for the writer and the verifier */
export function eventDigestSource(event: {
  tenantId: number
  seq: number
  occurredAt: string
  actorAccountId: number | null
  actorLabel: string
  action: string
  subjectType: string
  subjectId: string | null
  ip: string | null
  payload: unknown
}) {
  return canonicalJson({
    tenant_id: event.tenantId,
    seq: event.seq,
    occurred_at: event.occurredAt,
    actor_account_id: event.actorAccountId,
    actor_label: event.actorLabel,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    ip: event.ip,
    payload: event.payload,
  })
}

export function chainHash(prevHash: string, source: string) {
  return createHash('sha256').update(prevHash).update(source).digest('hex')
}

export interface RecordedAuditEvent extends AuditEntry {
  seq: number
  actor: AuditActor
}

/**
 * Modules that react to events (supervision's alert rules) observe the log
 * instead of every writer calling them: an observer runs in the writer's
 * transaction, so what it schedules commits or rolls back with the event.
 */
export type AuditObserver = (event: RecordedAuditEvent) => Promise<void>

const observers: AuditObserver[] = []

export function observeAudit(observer: AuditObserver) {
  if (!observers.includes(observer)) observers.push(observer)
}

export async function recordAudit(actor: AuditActor, entry: AuditEntry) {
  const scope = currentScopeOrFail()
  if (scope.tenantId === null) throw new Error('Audit needs a tenant: the global scope is unbound')
  const tenantId = scope.tenantId
  const client = db.connection()
  const { rows } = await client.rawQuery(
    `select pg_advisory_xact_lock(hashtext('audit_events'), ?::int) as locked,
            to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as now,
            host(nullif(?, '')::inet) as ip`,
    [tenantId, actor.ip ?? '']
  )
  const occurredAt: string = rows[0].now
  // Hashed as the column reads back (e.g. '::FFFF:1.2.3.4' is stored lower-case)
  const ip: string | null = rows[0].ip
  const last = await client
    .from('audit_events')
    .where('root_tenant_id', scope.rootTenantId!)
    .where('tenant_id', tenantId)
    .orderBy('seq', 'desc')
    .select('seq', 'hash')
    .first()
  const seq = last ? Number(last.seq) + 1 : 1
  const prevHash: string = last ? last.hash : GENESIS_HASH
  const event = {
    tenantId,
    seq,
    occurredAt,
    actorAccountId: actor.accountId,
    actorLabel: actor.label,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId:
      entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
    ip,
    payload: JSON.parse(canonicalJson(entry.payload ?? {})),
  }
  const hash = chainHash(prevHash, eventDigestSource(event))
  await client.table('audit_events').insert({
    root_tenant_id: scope.rootTenantId,
    tenant_id: tenantId,
    seq,
    occurred_at: occurredAt,
    actor_account_id: event.actorAccountId,
    actor_label: event.actorLabel,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    ip: event.ip,
    payload: JSON.stringify(event.payload),
    prev_hash: prevHash,
    hash,
  })
  for (const observer of observers) await observer({ ...entry, seq, actor })
  return { seq, hash }
}
