import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { currentEntityId } from '#identity/current_entity'
import { cityWideCategories, readableCategories } from '#supervision/abilities'
import { STAGES } from '#supervision/complaints/complaint_clock'
import { complaintList } from '#supervision/complaints/complaint_queries'
import { complaintForList, complaintView } from '#supervision/complaints/complaint_transformer'
import {
  AnswerComplaint,
  type ComplaintRow,
  FileComplaint,
  HandleComplaint,
  SuspendProcurement,
  categoryOf,
  clockOf,
  findComplaint,
  respondentEntityOf,
} from '#supervision/complaints/complaints'
import { complaintStepValidator, complaintValidator } from '#supervision/validators'
import { currentScopeOrFail } from '#tenancy/tenant_context'

/**
 * Objections, challenges and complaints under /t/:code/complaints: the
 * complainant files and follows its deadlines, the tenderer answers
 * objections, the supervisor handles complaints; both sides see the clock.
 */
function actorOf(ctx: HttpContext) {
  const actor = requestActor(ctx)
  return { ...actor, accountId: actor.accountId! }
}

async function complaintSubject(row: ComplaintRow) {
  return subject('Complaint', {
    tenantId: Number(row.tenant_id),
    category: categoryOf(row.regime),
    complainantEntityId: Number(row.complainant_entity_id),
    respondentEntityId: await respondentEntityOf(row),
  })
}

async function readable(ctx: HttpContext) {
  const row = await findComplaint(Number(ctx.params.id))
  await authorize(ctx, 'read', await complaintSubject(row))
  return row
}

async function handled(ctx: HttpContext) {
  const row = await findComplaint(Number(ctx.params.id))
  await authorize(ctx, 'update', await complaintSubject(row))
  return new HandleComplaint(actorOf(ctx))
}

export default class ComplaintsController {
  async index(ctx: HttpContext) {
    const access = await loadAccess(ctx)
    const categories = readableCategories(access.ability, 'Complaint', ctx.tenant!.id)
    if (!categories.length && !access.entityIds.length) throw new ForbiddenException()
    const cityWide = currentScopeOrFail().scope === 'city'
    const rows = await complaintList({
      categories,
      entityIds: access.entityIds,
      cityWideCategories: cityWide ? cityWideCategories(access.ability, 'Complaint') : [],
    })
    const complaints = []
    for (const listed of rows) {
      const row = await findComplaint(Number(listed.id))
      complaints.push(complaintForList(row, await clockOf(row), listed))
    }
    if (wantsJson(ctx)) return { data: complaints }
    return ctx.inertia.render('supervision/complaints/index', {
      complaints,
      stages: STAGES,
      canFile: access.entityIds.length > 0,
      cityWide,
    })
  }

  async show(ctx: HttpContext) {
    const row = await readable(ctx)
    const view = complaintView(row, await clockOf(row))
    if (wantsJson(ctx)) return { data: view }
    const { ability } = await loadAccess(ctx)
    const target = await complaintSubject(row)
    return ctx.inertia.render('supervision/complaints/show', {
      complaint: view,
      canHandle: ability.can('update', target as any),
      canAnswer: ability.can(
        'update',
        subject('ComplaintAnswer', {
          respondentEntityId: (target as any).respondentEntityId,
        }) as any
      ),
    })
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'create', subject('Complaint', {}))
    const access = await loadAccess(ctx)
    const entityId = currentEntityId(ctx.session, access.entityIds)!
    const input = await ctx.request.validateUsing(complaintValidator)
    const row = await new FileComplaint(actorOf(ctx), entityId).handle({
      ...input,
      knownOn: input.knownOn.toISOString().slice(0, 10),
    })
    return ctx.response.status(201).send({ data: complaintView(row, await clockOf(row)) })
  }

  async accept(ctx: HttpContext) {
    const handler = await handled(ctx)
    return this.view(await handler.accept(Number(ctx.params.id)))
  }

  async reject(ctx: HttpContext) {
    const handler = await handled(ctx)
    const { text } = await ctx.request.validateUsing(complaintStepValidator)
    return this.view(await handler.reject(Number(ctx.params.id), text))
  }

  async stopClock(ctx: HttpContext) {
    const handler = await handled(ctx)
    const { text } = await ctx.request.validateUsing(complaintStepValidator)
    return this.view(await handler.stopClock(Number(ctx.params.id), text))
  }

  async resumeClock(ctx: HttpContext) {
    const handler = await handled(ctx)
    return this.view(await handler.resumeClock(Number(ctx.params.id)))
  }

  async decide(ctx: HttpContext) {
    const handler = await handled(ctx)
    const { text } = await ctx.request.validateUsing(complaintStepValidator)
    return this.view(await handler.decide(Number(ctx.params.id), text))
  }

  async suspendProcurement(ctx: HttpContext) {
    const row = await findComplaint(Number(ctx.params.id))
    await authorize(ctx, 'update', await complaintSubject(row))
    const { text } = await ctx.request.validateUsing(complaintStepValidator)
    return this.view(await new SuspendProcurement(actorOf(ctx)).suspend(row.id, text))
  }

  async resumeProcurement(ctx: HttpContext) {
    const row = await findComplaint(Number(ctx.params.id))
    await authorize(ctx, 'update', await complaintSubject(row))
    return this.view(await new SuspendProcurement(actorOf(ctx)).resume(row.id))
  }

  async answer(ctx: HttpContext) {
    const row = await findComplaint(Number(ctx.params.id))
    await authorize(
      ctx,
      'update',
      subject('ComplaintAnswer', { respondentEntityId: await respondentEntityOf(row) })
    )
    const { text } = await ctx.request.validateUsing(complaintStepValidator)
    return this.view(await new AnswerComplaint(actorOf(ctx)).handle(row.id, text))
  }

  private async view(row: ComplaintRow) {
    return { data: complaintView(row, await clockOf(row)) }
  }
}
