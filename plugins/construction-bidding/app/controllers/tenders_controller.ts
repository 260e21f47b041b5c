import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import db from '@adonisjs/lucid/services/db'
import { authorize, loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { clock } from '#core/clock'
import { RegisterTender } from '../actions/register_tender.js'
import { partyOf } from '../support/parties.js'
import { tenderView } from '../support/tender_view.js'
import { waitingFor } from '../support/todo.js'
import { registerTenderValidator } from '../validators/tender.js'

/** The category's tenders: the list with each person's 待办, one tender, registration */
export default class TendersController {
  async index(ctx: HttpContext) {
    return ctx.inertia.render('construction-bidding/index', await this.listOf(ctx))
  }

  async list(ctx: HttpContext) {
    return this.listOf(ctx)
  }

  async show(ctx: HttpContext) {
    await this.authorizeRead(ctx)
    return ctx.inertia.render('construction-bidding/tender', {
      tender: await tenderView(ctx, Number(ctx.params.tradeId)),
    })
  }

  async detail(ctx: HttpContext) {
    await this.authorizeRead(ctx)
    return { data: await tenderView(ctx, Number(ctx.params.tradeId)) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'create', subject('ConstructionTender', { tenantId: ctx.tenant!.id }))
    const input = await ctx.request.validateUsing(registerTenderValidator)
    const project = await db.from('projects').where('id', input.projectId).first()
    const { entityIds } = await loadAccess(ctx)
    // Only the project's owner tenders it (its agency acts as one of its members)
    if (!project || !entityIds.includes(Number(project.entity_id))) throw new ForbiddenException()
    const actor = requestActor(ctx)
    const tender = await new RegisterTender({ ...actor, role: 'tenderer' }).handle({
      ...input,
      ceilingPrice: input.ceilingPrice ?? null,
      weights: input.weights ?? null,
      inviteeCodes: input.inviteeCodes ?? [],
    })
    return ctx.response.created({ data: await tenderView(ctx, tender.tradeId) })
  }

  private authorizeRead(ctx: HttpContext) {
    return authorize(ctx, 'read', subject('ConstructionTender', { tenantId: ctx.tenant!.id }))
  }

  private async listOf(ctx: HttpContext) {
    await this.authorizeRead(ctx)
    const { entityIds } = await loadAccess(ctx)
    const rows = await db
      .from('cb_tenders as t')
      .join('trades as tr', 'tr.id', 't.trade_id')
      .join('projects as p', 'p.id', 't.project_id')
      .orderBy('tr.id', 'desc')
      .limit(200)
      .select(
        'tr.id',
        'tr.title',
        'tr.state',
        'tr.milestones',
        'tr.suspended_at',
        't.tender_code',
        't.tender_mode',
        't.prequalification',
        't.agency_entity_id',
        'p.entity_id',
        'p.name as project_name'
      )
    const now = await clock.now()
    const tenders = []
    for (const row of rows) {
      const tendererIds = [row.entity_id, row.agency_entity_id].filter((id) => id !== null)
      const party = await partyOf(ctx, tendererIds.map(Number))
      tenders.push({
        id: Number(row.id),
        title: row.title,
        state: row.state,
        tenderCode: row.tender_code,
        projectName: row.project_name,
        suspended: row.suspended_at !== null,
        own: party === 'tenderer',
        party,
        waiting: waitingFor(
          party,
          { state: row.state, milestones: row.milestones, suspendedAt: row.suspended_at },
          { prequalification: row.prequalification, tenderMode: row.tender_mode, now }
        ),
      })
    }
    const projects = await db
      .from('projects')
      .whereIn('entity_id', entityIds.length ? entityIds : [0])
      .where('category', 'construction')
      .select('id', 'code', 'name')
    const alerts = await db
      .from('cb_alerts as a')
      .join('trades as tr', 'tr.id', 'a.trade_id')
      .orderBy('a.id', 'desc')
      .limit(100)
      .select('a.trade_id', 'a.kind', 'a.raised_at', 'tr.title')
    const supervises = (await partyOf(ctx, [])) === 'supervisor'
    return {
      tenders,
      projects: projects.map((p) => ({ id: Number(p.id), code: p.code, name: p.name })),
      alerts:
        supervises || (await partyOf(ctx, [])) === 'operator'
          ? alerts.map((a) => ({
              tradeId: Number(a.trade_id),
              title: a.title,
              kind: a.kind,
              raisedAt: new Date(a.raised_at).toISOString(),
            }))
          : [],
    }
  }
}
