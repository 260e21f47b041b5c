import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import type Tenant from '#tenancy/models/tenant'
import { findRule } from '../support/credit_rows.js'

export interface CreditRuleInput {
  name: string
  conditionKinds: string[]
  conditionMinCount: number
  conditionWithinMonths?: number
  restrictedRoles: string[]
  categories?: string[]
  regionPrefix: string
  startsOn: Date
  endsOn?: Date
  sourceDocument: string
}

const isoDate = (date: Date) => DateTime.fromJSDate(date).toISODate()!

function columnsOf(input: CreditRuleInput) {
  return {
    name: input.name,
    condition_kinds: input.conditionKinds,
    condition_min_count: input.conditionMinCount,
    condition_within_months: input.conditionWithinMonths ?? null,
    restricted_roles: input.restrictedRoles,
    categories: input.categories ?? [],
    region_prefix: input.regionPrefix,
    starts_on: isoDate(input.startsOn),
    ends_on: input.endsOn ? isoDate(input.endsOn) : null,
    source_document: input.sourceDocument,
  }
}

/**
 * The negative list (负面清单): rules "records of these kinds, this many,
 * within this window → barred from these roles, categories and region, from
 * … to …, under this document". A district's supervisors keep rules for
 * their own district; the city's keep the city-wide ones. Callers have
 * checked the `CreditRule` ability for the owning tenant.
 */
export class MaintainRules {
  constructor(
    private readonly actor: AuditActor,
    private readonly tenant: Tenant
  ) {}

  /** A district rule reaches only its own district (a prefix of its code) */
  private assertRegion(regionPrefix: string) {
    if (!this.tenant.isCity && !regionPrefix.startsWith(this.tenant.code)) {
      throw new RuleViolation('regionPrefix', 'credit.errors.region_outside', {
        code: this.tenant.code,
      })
    }
  }

  async create(input: CreditRuleInput) {
    this.assertRegion(input.regionPrefix)
    const [row] = await db
      .table('credit_rules')
      .insert({
        ...columnsOf(input),
        owner_tenant_id: this.tenant.id,
        created_by: this.actor.accountId,
      })
      .returning('id')
    const rule = await findRule(Number(row.id))
    await recordAudit(this.actor, {
      action: 'credit.rule.create',
      subjectType: 'credit_rule',
      subjectId: rule.id,
      payload: { ...columnsOf(input) },
    })
    return rule
  }

  async update(id: number, input: CreditRuleInput) {
    this.assertRegion(input.regionPrefix)
    const before = await findRule(id, true)
    if (before.status !== 'active') throw new RuleViolation('rule', 'credit.errors.rule_withdrawn')
    await db
      .from('credit_rules')
      .where('id', id)
      .update({ ...columnsOf(input), updated_at: db.raw('now()') })
    await recordAudit(this.actor, {
      action: 'credit.rule.update',
      subjectType: 'credit_rule',
      subjectId: id,
      payload: { ...columnsOf(input) },
    })
    return findRule(id)
  }

  async withdraw(id: number) {
    const before = await findRule(id, true)
    if (before.status !== 'active') throw new RuleViolation('rule', 'credit.errors.rule_withdrawn')
    await db
      .from('credit_rules')
      .where('id', id)
      .update({ status: 'withdrawn', updated_at: db.raw('now()') })
    await recordAudit(this.actor, {
      action: 'credit.rule.withdraw',
      subjectType: 'credit_rule',
      subjectId: id,
      payload: { sourceDocument: before.sourceDocument },
    })
    return findRule(id)
  }
}
