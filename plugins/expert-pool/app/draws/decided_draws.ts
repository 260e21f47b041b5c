import db from '@adonisjs/lucid/services/db'

/**
 * What the rest of the plugin (committees) reads of a draw: the experts who
 * confirmed their seats, once every requested seat is confirmed. Both run in
 * the current tenant transaction, so a draw of another tenant is not found.
 */

/** Confirmed expert ids of a decided draw, ascending; null while undecided or unknown */
export async function confirmedExperts(drawId: number): Promise<number[] | null> {
  const draw = await db.from('expert_draws').where({ id: drawId, status: 'decided' }).first()
  if (!draw) return null
  const seats = await db
    .from('expert_draw_seats')
    .where({ draw_id: drawId, status: 'confirmed' })
    .orderBy('expert_id')
    .select('expert_id')
  return seats.map((seat: { expert_id: string | number }) => Number(seat.expert_id))
}

/** The latest decided draw of a trade with its confirmed expert ids, or null */
export async function decidedDrawForTrade(
  tradeId: number
): Promise<{ drawId: number; expertIds: number[] } | null> {
  const draw = await db
    .from('expert_draws')
    .where({ trade_id: tradeId, status: 'decided' })
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .select('id')
    .first()
  if (!draw) return null
  const drawId = Number(draw.id)
  return { drawId, expertIds: (await confirmedExperts(drawId)) ?? [] }
}
