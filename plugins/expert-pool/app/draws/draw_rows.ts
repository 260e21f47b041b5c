import db from '@adonisjs/lucid/services/db'
import type { DrawRecord, DrawRequest, DrawResult, PoolSnapshot } from '../draw/types.js'

export type DrawStatus = 'committed' | 'drawn' | 'decided'
export type SeatStatus = 'standby' | 'invited' | 'confirmed' | 'declined'

export interface DrawRow {
  id: number
  tenant_id: number
  trade_id: number
  tenderer_uscc: string
  evaluation_date: string
  status: DrawStatus
  request: DrawRequest
  snapshot: PoolSnapshot
  snapshot_hash: string
  commitment: string
  seed: Buffer
  result: DrawResult | null
  created_at: Date
  drawn_at: Date | null
  decided_at: Date | null
  revealed_at: Date | null
}

export interface SeatRow {
  id: number
  draw_id: number
  expert_id: number
  line: number
  via_code: string
  kind: 'drawn' | 'reserve' | 'top_up'
  status: SeatStatus
  decline_reason: string | null
  answered_at: Date | null
}

const DRAW_COLUMNS = [
  'id',
  'tenant_id',
  'trade_id',
  'tenderer_uscc',
  db.raw(`to_char(evaluation_date, 'YYYY-MM-DD') as evaluation_date`),
  'status',
  'request',
  'snapshot',
  'snapshot_hash',
  'commitment',
  'seed',
  'result',
  'created_at',
  'drawn_at',
  'decided_at',
  'revealed_at',
]

export function drawsQuery() {
  return db.from('expert_draws').select(DRAW_COLUMNS)
}

/** A 404 (the status keeps the error reporter from logging it as a failure) */
export function rowNotFound(what: string): never {
  throw Object.assign(new Error(`${what} not found`), { code: 'E_ROW_NOT_FOUND', status: 404 })
}

/** `lock` serialises the answers to one draw (UPDATE is granted on the table) */
export async function findDraw(id: number, lock = false): Promise<DrawRow> {
  const query = drawsQuery().where('id', id)
  if (lock) query.forUpdate()
  const row = await query.first()
  if (!row) rowNotFound('Draw')
  return toDrawRow(row)
}

function toDrawRow(row: any): DrawRow {
  return {
    ...row,
    id: Number(row.id),
    tenant_id: Number(row.tenant_id),
    trade_id: Number(row.trade_id),
  }
}

/** The tenant's latest draws, newest first (in the city scope: every district's) */
export async function latestDraws(limit: number): Promise<DrawRow[]> {
  const rows = await drawsQuery().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit)
  return rows.map(toDrawRow)
}

export async function seatsOf(drawIds: number[]): Promise<SeatRow[]> {
  if (drawIds.length === 0) return []
  const rows = await db
    .from('expert_draw_seats')
    .whereIn('draw_id', drawIds)
    .orderBy('id')
    .select(
      'id',
      'draw_id',
      'expert_id',
      'line',
      'via_code',
      'kind',
      'status',
      'decline_reason',
      'answered_at'
    )
  return rows.map((row: SeatRow) => ({
    ...row,
    id: Number(row.id),
    draw_id: Number(row.draw_id),
    expert_id: Number(row.expert_id),
  }))
}

/**
 * The record bin/verify_draw.ts re-runs. Before the draw is decided it holds
 * only what was fixed in advance (commitment, snapshot, request): the result
 * and the seed would name the sealed experts.
 */
export function publishedRecord(draw: DrawRow): DrawRecord | Omit<DrawRecord, 'seed' | 'result'> {
  const fixed = {
    commitment: draw.commitment,
    snapshotHash: draw.snapshot_hash,
    snapshot: draw.snapshot,
    request: draw.request,
  }
  if (draw.revealed_at === null || draw.result === null) return fixed
  return { ...fixed, seed: draw.seed.toString('hex'), result: draw.result }
}

/** The seats of the expert linked to `accountId`, newest first, for the expert's own page */
export async function invitationsOf(accountId: number, limit: number) {
  const rows = await db
    .from('expert_draw_seats as s')
    .join('experts as e', 'e.id', 's.expert_id')
    .join('expert_draws as d', (join) =>
      join.on('d.root_tenant_id', 's.root_tenant_id').andOn('d.id', 's.draw_id')
    )
    .where('e.account_id', accountId)
    .whereIn('s.status', ['invited', 'confirmed', 'declined'])
    .orderBy('s.id', 'desc')
    .limit(limit)
    .select(
      's.id',
      's.draw_id',
      's.status',
      's.via_code',
      'd.trade_id',
      db.raw(`to_char(d.evaluation_date, 'YYYY-MM-DD') as evaluation_date`)
    )
  return rows.map((row: any) => ({
    seatId: Number(row.id),
    drawId: Number(row.draw_id),
    tradeId: Number(row.trade_id),
    status: row.status as SeatStatus,
    specialty: row.via_code as string,
    evaluationDate: row.evaluation_date as string,
  }))
}
