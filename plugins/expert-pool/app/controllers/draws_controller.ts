import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import db from '@adonisjs/lucid/services/db'
import { authorize, loadAccess } from '#access/access_context'
import { recordAudit } from '#audit/audit_log'
import { requestActor } from '#audit/request_actor'
import { apiErrors } from '#core/api_errors'
import { AnswerSeat } from '../actions/answer_seat.js'
import { DrawExperts } from '../actions/draw_experts.js'
import {
  findDraw,
  invitationsOf,
  latestDraws,
  publishedRecord,
  rowNotFound,
  seatsOf,
} from '../draws/draw_rows.js'
import { expertMessages } from '../support/messages.js'
import { drawStatusView, sealedSeatsView } from '../transformers/draw_views.js'
import { declineValidator, drawRequestValidator } from '../validators/draw.js'

const PAGE_SIZE = 50

function idParam(value: unknown, what: string) {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id <= 0) {
    rowNotFound(what)
  }
  return id
}

/**
 * The drawing and the supervision sides of the pool, and the drawn
 * experts' answers. Controllers check abilities; rows are the tenant's by
 * RLS, so another tenant's draw is a 404.
 */
export default class DrawsController {
  async page(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('ExpertDrawStatus', {}))
    const { ability } = await loadAccess(ctx)
    return ctx.inertia.render('expert-pool/draws', {
      draws: await this.statusViews(),
      canDraw: ability.can('create', subject('ExpertDraw', { tenantId: ctx.tenant!.id })),
    })
  }

  async supervisionPage(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('ExpertDrawWatch', {}))
    return ctx.inertia.render('expert-pool/supervision', await this.supervisionData())
  }

  async index(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('ExpertDrawStatus', {}))
    return { data: await this.statusViews() }
  }

  /** Supervision's live view: every draw with its sealed list */
  async supervision(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('ExpertDrawWatch', {}))
    return this.supervisionData()
  }

  async store(ctx: HttpContext) {
    await this.authorizeDrawing(ctx)
    const input = await drawRequestValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    const id = await new DrawExperts(requestActor(ctx)).commit(input)
    const draw = await findDraw(id)
    return ctx.response.created({ data: drawStatusView(draw, []) })
  }

  async draw(ctx: HttpContext) {
    await this.authorizeDrawing(ctx)
    const draw = await new DrawExperts(requestActor(ctx)).draw(idParam(ctx.params.id, 'Draw'))
    return { data: drawStatusView(draw, await seatsOf([draw.id])) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('ExpertDrawStatus', {}))
    const draw = await findDraw(idParam(ctx.params.id, 'Draw'))
    return { data: drawStatusView(draw, await seatsOf([draw.id])) }
  }

  /**
   * The sealed list. A refusal is answered, not thrown, so its audit event
   * (which supervision's alert rules watch) commits with the request.
   */
  async sealed(ctx: HttpContext) {
    const draw = await findDraw(idParam(ctx.params.id, 'Draw'))
    const { ability } = await loadAccess(ctx)
    if (!ability.can('read', subject('ExpertDrawSealed', { decided: draw.status === 'decided' }))) {
      await recordAudit(requestActor(ctx), {
        action: 'expert_draw.sealed_read_refused',
        subjectType: 'expert_draw',
        subjectId: draw.id,
        payload: { status: draw.status },
      })
      return apiErrors(ctx, 403, [{ field: '', message: ctx.i18n.t('errors.forbidden') }])
    }
    return { data: await sealedSeatsView(await seatsOf([draw.id])) }
  }

  /** The record bin/verify_draw.ts re-runs; complete once the seed is revealed */
  async record(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('ExpertDrawStatus', {}))
    const draw = await findDraw(idParam(ctx.params.id, 'Draw'))
    return publishedRecord(draw)
  }

  /** The invitations of the expert linked to this account, in this tenant */
  async invitations(ctx: HttpContext) {
    return { data: await invitationsOf(requestActor(ctx).accountId ?? 0, PAGE_SIZE) }
  }

  async invitationsPage(ctx: HttpContext) {
    const invitations = await invitationsOf(requestActor(ctx).accountId ?? 0, PAGE_SIZE)
    return ctx.inertia.render('expert-pool/invitations', { invitations })
  }

  async confirm(ctx: HttpContext) {
    const seatId = await this.authorizeSeat(ctx)
    await new AnswerSeat(requestActor(ctx)).confirm(seatId)
    return { data: { seatId, status: 'confirmed' } }
  }

  async decline(ctx: HttpContext) {
    const seatId = await this.authorizeSeat(ctx)
    const { reason } = await declineValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    await new AnswerSeat(requestActor(ctx)).decline(seatId, reason)
    return { data: { seatId, status: 'declined' } }
  }

  private authorizeDrawing(ctx: HttpContext) {
    return authorize(ctx, 'create', subject('ExpertDraw', { tenantId: ctx.tenant!.id }))
  }

  /** The seat's expert account decides; an unknown seat is a 404 */
  private async authorizeSeat(ctx: HttpContext) {
    const seatId = idParam(ctx.params.id, 'Seat')
    const seat = await db
      .from('expert_draw_seats as s')
      .join('experts as e', 'e.id', 's.expert_id')
      .where('s.id', seatId)
      .select('e.account_id')
      .first()
    if (!seat) rowNotFound('Seat')
    await authorize(
      ctx,
      'update',
      subject('ExpertSeat', {
        accountId: seat.account_id === null ? null : Number(seat.account_id),
      })
    )
    return seatId
  }

  private async statusViews() {
    const draws = await latestDraws(PAGE_SIZE)
    const seats = await seatsOf(draws.map((draw) => draw.id))
    return draws.map((draw) =>
      drawStatusView(
        draw,
        seats.filter((seat) => seat.draw_id === draw.id)
      )
    )
  }

  private async supervisionData() {
    const draws = await latestDraws(PAGE_SIZE)
    const seats = await seatsOf(draws.map((draw) => draw.id))
    const named = await sealedSeatsView(seats)
    return {
      draws: draws.map((draw) => ({
        ...drawStatusView(
          draw,
          seats.filter((seat) => seat.draw_id === draw.id)
        ),
        seats: named.filter((seat) => seat.drawId === draw.id),
      })),
    }
  }
}
