import db from '@adonisjs/lucid/services/db'
import { chainHash, eventDigestSource, GENESIS_HASH } from '#audit/audit_log'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'

/**
 * Walks every tenant's audit chain (ARCHITECTURE.md §4) and names the first
 * broken link. Runs as the app's login role in the city scope, which reads
 * every row under the root and can change none; rows are read in keyset
 * batches by seq so a long chain never sits in memory at once. Each field
 * is read back in the exact form recordAudit hashed it.
 */
export const DEFAULT_BATCH_SIZE = 500

export type BreakReason = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch'

export interface ChainBreak {
  id: number
  seq: number
  reason: BreakReason
  /** What the verifier expected in place of the stored value */
  expected: string
}

export interface ChainReport {
  tenantId: number
  code: string
  events: number
  broken: ChainBreak | null
}

interface StoredEvent {
  id: number
  tenant_id: number
  seq: number
  occurred_at: string
  actor_account_id: number | null
  actor_label: string
  action: string
  subject_type: string
  subject_id: string | null
  ip: string | null
  payload: unknown
  prev_hash: string
  hash: string
}

const BATCH_SQL = `
  select id, tenant_id, seq,
         to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
         actor_account_id, actor_label, action, subject_type, subject_id,
         host(ip) as ip, payload, prev_hash, hash
    from audit_events
   where root_tenant_id = ? and tenant_id = ? and seq > ?
   order by seq
   limit ?`

/** The first defect of one event given the chain so far, or null */
export function checkEvent(
  event: StoredEvent,
  previous: { seq: number; hash: string }
): ChainBreak | null {
  const at = { id: Number(event.id), seq: Number(event.seq) }
  if (at.seq !== previous.seq + 1) {
    return { ...at, reason: 'seq_gap', expected: String(previous.seq + 1) }
  }
  if (event.prev_hash !== previous.hash) {
    return { ...at, reason: 'prev_hash_mismatch', expected: previous.hash }
  }
  const hash = chainHash(
    event.prev_hash,
    eventDigestSource({
      tenantId: Number(event.tenant_id),
      seq: at.seq,
      occurredAt: event.occurred_at,
      actorAccountId: event.actor_account_id === null ? null : Number(event.actor_account_id),
      actorLabel: event.actor_label,
      action: event.action,
      subjectType: event.subject_type,
      subjectId: event.subject_id,
      ip: event.ip,
      payload: event.payload,
    })
  )
  return hash === event.hash ? null : { ...at, reason: 'hash_mismatch', expected: hash }
}

async function verifyChain(
  rootId: number,
  tenant: { id: number; code: string },
  batchSize: number
) {
  const report: ChainReport = { tenantId: tenant.id, code: tenant.code, events: 0, broken: null }
  let previous = { seq: 0, hash: GENESIS_HASH }
  for (;;) {
    const { rows } = await db.rawQuery<{ rows: StoredEvent[] }>(BATCH_SQL, [
      rootId,
      tenant.id,
      previous.seq,
      batchSize,
    ])
    for (const event of rows) {
      report.events++
      report.broken = checkEvent(event, previous)
      if (report.broken) return report
      previous = { seq: Number(event.seq), hash: event.hash }
    }
    if (rows.length < batchSize) return report
  }
}

/**
 * Verifies the chains of every tenant under the city root, or only of the
 * tenants with the given codes. One read-only transaction per tenant keeps
 * transactions short on a large log.
 */
export async function verifyAuditChains(
  options: { codes?: string[]; batchSize?: number } = {}
): Promise<ChainReport[]> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  const root = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.root())
  const scope = { scope: 'city' as const, tenantId: root.id, rootTenantId: root.id }
  const tenants = await withTenant(scope, () => {
    const query = db.from('tenants').where('root_id', root.id).orderBy('code').select('id', 'code')
    if (options.codes) query.whereIn('code', options.codes)
    return query
  })
  const reports: ChainReport[] = []
  for (const tenant of tenants) {
    reports.push(await withTenant(scope, () => verifyChain(root.id, tenant, batchSize)))
  }
  return reports
}
