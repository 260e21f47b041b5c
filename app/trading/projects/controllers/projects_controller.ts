import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { currentEntityId } from '#identity/current_entity'
import { withoutBlanks } from '#identity/validators/form_input'
import MarketEntity from '#identity/models/market_entity'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { RegisterProject } from '#trading/projects/actions/register_project'
import {
  APPROVAL_LEVELS,
  FUND_SOURCES,
  PROJECT_CATEGORIES,
} from '#trading/projects/platform_routing'
import { projectOfTenant, projectPage } from '#trading/projects/queries/projects'
import { projectTransformer } from '#trading/projects/transformers/project_transformer'
import {
  projectListValidator,
  registerProjectValidator,
} from '#trading/projects/validators/project'

/**
 * Project registration (项目登记) on one tenant's platform, pages under
 * /t/:code/projects and JSON under /api/v1/t/:code/projects. A project is
 * registered for the market entity the account currently acts for.
 */
export default class ProjectsController {
  async index(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const { ability, entityIds } = await loadAccess(ctx)
    // The staff rule has no entity condition: it alone matches a project of nobody's entity
    const wholeTenant = ability.can(
      'read',
      subject('Project', { tenantId: tenant.id, entityId: 0 })
    )
    if (!wholeTenant)
      await authorize(
        ctx,
        'read',
        subject('Project', { tenantId: tenant.id, entityId: entityIds[0] })
      )
    const cursor = await ctx.request.validateUsing(projectListValidator, {
      data: withoutBlanks(ctx.request.qs()),
    })
    const { rows, nextBefore } = await projectPage(
      tenant.id,
      wholeTenant ? null : entityIds,
      cursor
    )
    const projects = rows.map((row) => projectTransformer.forList(row))
    if (wantsJson(ctx)) return { data: projects, meta: { nextBefore } }
    return ctx.inertia.render('trading/projects/index', {
      projects,
      nextBefore,
      canCreate: entityIds.length > 0,
      wholeTenant,
    })
  }

  async create(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const entityId = await this.actingEntity(ctx)
    const entity = await MarketEntity.findOrFail(entityId)
    const tenants = await tenantDirectory.all()
    return ctx.inertia.render('trading/projects/new', {
      entity: { id: entity.id, name: entity.name },
      regions: tenants.map((t) => ({ code: t.code, name: t.name(ctx.i18n.locale) })),
      defaultRegion: tenant.code,
      options: {
        categories: PROJECT_CATEGORIES,
        approvalLevels: APPROVAL_LEVELS,
        fundSources: FUND_SOURCES,
      },
      wrongPlatform: ctx.session.flashMessages.get('wrongPlatform') ?? null,
    })
  }

  async store(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const entityId = await this.actingEntity(ctx)
    const input = await ctx.request.validateUsing(registerProjectValidator, {
      data: withoutBlanks(ctx.request.all()),
    })
    const project = await new RegisterProject(requestActor(ctx)).handle(tenant, entityId, input)
    const row = await projectOfTenant(tenant.id, project.id)
    if (wantsJson(ctx)) return ctx.response.created({ data: projectTransformer.forDetail(row) })
    ctx.session.flash('success', ctx.i18n.t('trading.projects.registered', { code: project.code }))
    return ctx.response.redirect(`/t/${tenant.code}/projects/${project.id}`)
  }

  async show(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const row = await projectOfTenant(tenant.id, ctx.params.id)
    await authorize(
      ctx,
      'read',
      subject('Project', { tenantId: tenant.id, entityId: Number(row.entity_id) })
    )
    const project = projectTransformer.forDetail(row)
    if (wantsJson(ctx)) return { data: project }
    return ctx.inertia.render('trading/projects/show', { project })
  }

  /** The entity the account acts for now; an account that acts for none is refused */
  private async actingEntity(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const { entityIds } = await loadAccess(ctx)
    const entityId = currentEntityId(ctx.session, entityIds)
    if (entityId === null) throw new ForbiddenException()
    await authorize(ctx, 'create', subject('Project', { tenantId: tenant.id, entityId }))
    return entityId
  }
}
