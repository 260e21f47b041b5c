import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { computeTopUp } from '../draw/draw.js'
import { findDraw, rowNotFound, seatsOf, type DrawRow, type SeatRow } from '../draws/draw_rows.js'

/**
 * A drawn expert answers an invitation through the account linked to the
 * expert record. A decline calls the line's next reserve, or when none is
 * left draws a top-up (补抽) from the same seed, snapshot and rules, recorded
 * in the result so the published record replays it. The draw is decided, and
 * its seed revealed, once every requested seat is confirmed.
 */
export class AnswerSeat {
  constructor(private readonly actor: AuditActor) {}

  /** The seat, if it is this account's own; others' seats are not found */
  private async ownSeat(seatId: number) {
    const seat = await db
      .from('expert_draw_seats as s')
      .join('experts as e', 'e.id', 's.expert_id')
      .where('s.id', seatId)
      .where('e.account_id', this.actor.accountId ?? 0)
      .select('s.draw_id')
      .first()
    if (!seat) rowNotFound('Seat')
    // Lock the draw first: answers to one draw run one after another
    const draw = await findDraw(Number(seat.draw_id), true)
    const seats = await seatsOf([draw.id])
    const own = seats.find((row) => row.id === seatId)!
    if (own.status !== 'invited' || draw.status !== 'drawn') {
      throw new RuleViolation('seat', 'expert_pool.draws.errors.not_awaiting_answer')
    }
    return { draw, seats, own }
  }

  async confirm(seatId: number) {
    const { draw, seats, own } = await this.ownSeat(seatId)
    await this.setAnswer(own, 'confirmed', null)
    await recordAudit(this.actor, {
      action: 'expert_draw.seat_confirmed',
      subjectType: 'expert_draw',
      subjectId: draw.id,
      payload: { seat: own.id },
    })
    own.status = 'confirmed'
    await this.decideIfComplete(draw, seats)
  }

  async decline(seatId: number, reason: string) {
    const { draw, seats, own } = await this.ownSeat(seatId)
    await this.setAnswer(own, 'declined', reason)
    await recordAudit(this.actor, {
      action: 'expert_draw.seat_declined',
      subjectType: 'expert_draw',
      subjectId: draw.id,
      payload: { seat: own.id, line: own.line },
    })
    const reserve = seats.find((row) => row.line === own.line && row.status === 'standby')
    if (reserve) {
      await db
        .from('expert_draw_seats')
        .where('id', reserve.id)
        .update({ status: 'invited', updated_at: db.raw('now()') })
      await recordAudit(this.actor, {
        action: 'expert_draw.reserve_called',
        subjectType: 'expert_draw',
        subjectId: draw.id,
        payload: { seat: reserve.id, line: own.line },
      })
      return
    }
    await this.topUp(draw, own)
  }

  private async topUp(draw: DrawRow, declined: SeatRow) {
    const result = draw.result!
    const added = computeTopUp(draw.seed, draw.snapshot, draw.request, result, declined.line, [
      String(declined.expert_id),
    ])
    result.topUps.push(added)
    await db
      .from('expert_draws')
      .where('id', draw.id)
      .update({ result: JSON.stringify(result), updated_at: db.raw('now()') })
    const scope = currentScopeOrFail()
    if (added.drawn.length > 0) {
      await db.table('expert_draw_seats').insert(
        added.drawn.map((pick) => ({
          root_tenant_id: scope.rootTenantId,
          tenant_id: scope.tenantId,
          draw_id: draw.id,
          expert_id: Number(pick.expertId),
          line: declined.line,
          via_code: pick.viaCode,
          kind: 'top_up',
          status: 'invited',
        }))
      )
    }
    await recordAudit(this.actor, {
      action: 'expert_draw.top_up',
      subjectType: 'expert_draw',
      subjectId: draw.id,
      payload: {
        line: declined.line,
        startBlock: added.startBlock,
        endBlock: added.endBlock,
        invited: added.drawn.length,
        shortfall: added.shortfall !== null,
      },
    })
  }

  private async setAnswer(seat: SeatRow, status: 'confirmed' | 'declined', reason: string | null) {
    await db
      .from('expert_draw_seats')
      .where('id', seat.id)
      .update({
        status,
        decline_reason: reason,
        answered_at: db.raw(PLATFORM_NOW_SQL),
        updated_at: db.raw('now()'),
      })
  }

  private async decideIfComplete(draw: DrawRow, seats: SeatRow[]) {
    const complete = draw.request.lines.every(
      (line, index) =>
        seats.filter((seat) => seat.line === index && seat.status === 'confirmed').length >=
        line.count
    )
    if (!complete) return
    await db
      .from('expert_draws')
      .where('id', draw.id)
      .update({
        status: 'decided',
        decided_at: db.raw(PLATFORM_NOW_SQL),
        revealed_at: db.raw(PLATFORM_NOW_SQL),
        updated_at: db.raw('now()'),
      })
    const trade = await db.from('trades').where('id', draw.trade_id).select('category').first()
    // The names are no longer sealed; supervision's W13 counts them per tenderer
    await recordAudit(this.actor, {
      action: 'expert_draw.decided',
      subjectType: 'expert_draw',
      subjectId: draw.id,
      payload: {
        seed: draw.seed.toString('hex'),
        trade: draw.trade_id,
        category: trade?.category ?? null,
        tenderer: draw.tenderer_uscc,
        experts: seats.filter((seat) => seat.status === 'confirmed').map((seat) => seat.expert_id),
      },
    })
  }
}
