import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { canonicalSnapshot, snapshotHash } from '../draw/canonical.js'
import { drawFromSnapshot, newSeed } from '../draw/draw.js'
import type { DrawRequest, DrawResult } from '../draw/types.js'
import { findDraw } from '../draws/draw_rows.js'
import { buildPoolSnapshot, supervisingStaffKeys } from '../draws/pool_snapshot.js'
import { tradeParties } from '../draws/trade_parties.js'
import type { drawRequestValidator } from '../validators/draw.js'

export type DrawRequestInput = Infer<typeof drawRequestValidator>

const isoDate = (date: Date) => date.toISOString().slice(0, 10)

/** One seat row per pick: main picks are invited at once, reserves wait */
function seatRowsOf(drawId: number, result: DrawResult) {
  const scope = currentScopeOrFail()
  return result.lines.flatMap((line, index) =>
    [
      ...line.drawn.map((pick) => ({ pick, kind: 'drawn', status: 'invited' })),
      ...line.reserves.map((pick) => ({ pick, kind: 'reserve', status: 'standby' })),
    ].map(({ pick, kind, status }) => ({
      root_tenant_id: scope.rootTenantId,
      tenant_id: scope.tenantId,
      draw_id: drawId,
      expert_id: Number(pick.expertId),
      line: index,
      via_code: pick.viaCode,
      kind,
      status,
    }))
  )
}

/**
 * The drawing side of 三端分离 (`expert_drawer`). Two steps in two
 * transactions, so the commitment is on record (and visible to supervision)
 * before any expert is picked:
 * 1. `commit`: a fresh secret seed, its sha256 commitment and the snapshot
 *    of the pool as it stands, stored and audited;
 * 2. `draw`: the pure draw on that stored seed and snapshot; the picks go to
 *    seats. The seed is revealed when the draw is decided.
 * Audit payloads carry counts, never who was drawn.
 */
export class DrawExperts {
  constructor(private readonly actor: AuditActor) {}

  async commit(input: DrawRequestInput): Promise<number> {
    const parties = await tradeParties(input.tradeId)
    const evaluationDate = isoDate(input.evaluationDate)
    const fallback = input.fallbackToParent ? 'parent' : 'none'
    const snapshot = canonicalSnapshot(
      await buildPoolSnapshot({
        codes: input.lines.map((line) => line.code),
        fallback,
        tendererUscc: parties.tendererUscc,
        evaluationDate,
      })
    )
    const request: DrawRequest = {
      lines: input.lines.map((line) => ({ code: line.code, count: line.count })),
      reservePerLine: input.reservePerLine,
      regions: input.regionCodes.length > 0 ? [...input.regionCodes].sort() : 'any',
      excludedIds: [],
      drawDate: evaluationDate,
      lot: {
        tendererUscc: parties.tendererUscc,
        bidderUsccs: parties.bidderUsccs,
        supervisorKeys: supervisingStaffKeys(snapshot, input.supervisingUsccs),
      },
      maxDrawsPerTenderer: input.maxDrawsPerTenderer,
      fallback,
    }
    const { seed, commitment } = newSeed()
    const hash = snapshotHash(snapshot)
    const scope = currentScopeOrFail()
    const [row] = await db
      .table('expert_draws')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        trade_id: parties.tradeId,
        tenderer_uscc: parties.tendererUscc,
        evaluation_date: evaluationDate,
        request: JSON.stringify(request),
        snapshot: JSON.stringify(snapshot),
        snapshot_hash: hash,
        commitment,
        seed,
        created_by: this.actor.accountId,
      })
      .returning('id')
    const id = Number(row.id)
    await recordAudit(this.actor, {
      action: 'expert_draw.committed',
      subjectType: 'expert_draw',
      subjectId: id,
      payload: {
        tradeId: parties.tradeId,
        commitment,
        snapshotHash: hash,
        pool: snapshot.experts.length,
        lines: request.lines,
        supervisingUsccs: input.supervisingUsccs,
      },
    })
    return id
  }

  async draw(id: number) {
    const draw = await findDraw(id, true)
    if (draw.status !== 'committed') {
      throw new RuleViolation('draw', 'expert_pool.draws.errors.already_drawn')
    }
    const result = drawFromSnapshot(draw.seed, draw.snapshot, draw.request)
    await db
      .from('expert_draws')
      .where('id', id)
      .update({
        status: 'drawn',
        result: JSON.stringify(result),
        drawn_at: db.raw(PLATFORM_NOW_SQL),
        updated_at: db.raw('now()'),
      })
    const seats = seatRowsOf(id, result)
    if (seats.length > 0) await db.table('expert_draw_seats').insert(seats)
    await recordAudit(this.actor, {
      action: 'expert_draw.drawn',
      subjectType: 'expert_draw',
      subjectId: id,
      payload: {
        invited: result.lines.reduce((sum, line) => sum + line.drawn.length, 0),
        reserves: result.lines.reduce((sum, line) => sum + line.reserves.length, 0),
        excluded: result.exclusions.length,
        shortfalls: result.shortfalls.length,
      },
    })
    return findDraw(id)
  }
}
