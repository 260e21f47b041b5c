import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { MaintainRules } from '../actions/maintain_rules.js'
import { findRule, ruleList } from '../support/credit_rows.js'
import { creditTransformer } from '../transformers/credit_transformer.js'
import { creditRuleValidator } from '../validators/credit.js'
import { idParam } from '../support/params.js'

/** The negative list: read by staff, kept by the supervisors of the rule's own tenant */
export default class CreditRulesController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('CreditRule', {}))
    const rules = await ruleList()
    return { data: rules.map(creditTransformer.rule) }
  }

  async store(ctx: HttpContext) {
    const tenant = ctx.tenant!
    await authorize(ctx, 'create', subject('CreditRule', { ownerTenantId: tenant.id }))
    const input = await ctx.request.validateUsing(creditRuleValidator)
    const rule = await new MaintainRules(requestActor(ctx), tenant).create(input)
    return ctx.response.created({ data: creditTransformer.rule(rule) })
  }

  async update(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const id = idParam(ctx)
    const rule = await findRule(id)
    await authorize(ctx, 'update', subject('CreditRule', { ownerTenantId: rule.ownerTenantId }))
    const input = await ctx.request.validateUsing(creditRuleValidator)
    return {
      data: creditTransformer.rule(
        await new MaintainRules(requestActor(ctx), tenant).update(id, input)
      ),
    }
  }

  async withdraw(ctx: HttpContext) {
    const tenant = ctx.tenant!
    const id = idParam(ctx)
    const rule = await findRule(id)
    await authorize(ctx, 'update', subject('CreditRule', { ownerTenantId: rule.ownerTenantId }))
    return {
      data: creditTransformer.rule(await new MaintainRules(requestActor(ctx), tenant).withdraw(id)),
    }
  }
}
