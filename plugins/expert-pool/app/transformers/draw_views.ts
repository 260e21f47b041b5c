import db from '@adonisjs/lucid/services/db'
import type { DrawRow, SeatRow } from '../draws/draw_rows.js'

/**
 * What leaves the server about a draw. The status view is for everyone
 * allowed to follow the draw and carries counts only; the sealed view names
 * the experts and is built only for those allowed to see the sealed list.
 */
export function drawStatusView(draw: DrawRow, seats: SeatRow[]) {
  const result = draw.result
  return {
    id: draw.id,
    tradeId: draw.trade_id,
    status: draw.status,
    evaluationDate: draw.evaluation_date,
    commitment: draw.commitment,
    snapshotHash: draw.snapshot_hash,
    poolSize: draw.snapshot.experts.length,
    excluded: result ? result.exclusions.length : null,
    shortfalls: result
      ? result.shortfalls.filter((s) => s.kind === 'drawn').length +
        result.topUps.filter((t) => t.shortfall !== null).length
      : null,
    seedRevealed: draw.revealed_at !== null,
    createdAt: draw.created_at.toISOString(),
    drawnAt: draw.drawn_at?.toISOString() ?? null,
    decidedAt: draw.decided_at?.toISOString() ?? null,
    lines: draw.request.lines.map((line, index) => {
      const onLine = seats.filter((seat) => seat.line === index)
      const count = (status: SeatRow['status']) => onLine.filter((s) => s.status === status).length
      return {
        code: line.code,
        count: line.count,
        invited: count('invited'),
        confirmed: count('confirmed'),
        declined: count('declined'),
        standby: count('standby'),
      }
    }),
  }
}

export async function sealedSeatsView(seats: SeatRow[]) {
  const ids = [...new Set(seats.map((seat) => seat.expert_id))]
  const experts = ids.length
    ? await db.from('experts').whereIn('id', ids).select('id', 'name', 'employer_uscc', 'title')
    : []
  const byId = new Map(experts.map((row: any) => [Number(row.id), row]))
  return seats.map((seat) => ({
    seatId: seat.id,
    drawId: seat.draw_id,
    expertId: seat.expert_id,
    name: byId.get(seat.expert_id)?.name ?? '',
    title: byId.get(seat.expert_id)?.title ?? '',
    employerUscc: byId.get(seat.expert_id)?.employer_uscc ?? '',
    line: seat.line,
    viaCode: seat.via_code,
    kind: seat.kind,
    status: seat.status,
    answeredAt: seat.answered_at ? new Date(seat.answered_at).toISOString() : null,
  }))
}
