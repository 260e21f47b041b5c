import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { RuleViolation } from '#core/rule_violation'
import { alertRules, findRule } from '#supervision/rules/registry'
import {
  SetRuleThresholds,
  effectiveThresholds,
  storedThresholds,
} from '#supervision/rules/thresholds'
import { thresholdsValidator } from '#supervision/validators'

/** The rule catalogue with this tenant's thresholds; supervisors change them */
export default class RulesController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('AlertRule', { tenantId: ctx.tenant!.id }))
    const stored = await storedThresholds()
    const catalogue = await alertRules()
    const rules = catalogue.map((rule) => ({
      code: rule.code,
      cardinal: rule.cardinalCode ?? null,
      severity: rule.severity,
      title: rule.title,
      basis: rule.basis,
      triggers: rule.triggers,
      thresholds: Object.entries(rule.thresholds).map(([key, threshold]: [string, any]) => ({
        key,
        label: threshold.label,
        min: threshold.min,
        max: threshold.max,
        default: threshold.default,
        value: effectiveThresholds(rule, stored.get(rule.code))[key],
      })),
    }))
    if (wantsJson(ctx)) return { data: rules }
    const { ability } = await loadAccess(ctx)
    return ctx.inertia.render('supervision/rules', {
      rules,
      canEdit: ability.can('update', subject('AlertRule', { tenantId: ctx.tenant!.id }) as any),
    })
  }

  async update(ctx: HttpContext) {
    await authorize(ctx, 'update', subject('AlertRule', { tenantId: ctx.tenant!.id }))
    const rule = await findRule(String(ctx.params.rule))
    if (!rule) throw new RuleViolation('rule', 'supervision.rules.errors.unknown_rule', {}, 404)
    const { thresholds } = await ctx.request.validateUsing(thresholdsValidator)
    const actor = requestActor(ctx)
    const values = await new SetRuleThresholds({ ...actor, accountId: actor.accountId! }).handle(
      rule,
      thresholds
    )
    return { data: { code: rule.code, thresholds: values } }
  }
}
