import { DateTime } from 'luxon'

/**
 * Which credit records and negative-list rules restrict an entity in one
 * act (domain.md §6). Pure: the gate loads the rows, this decides, and the
 * decision is what the check snapshot stores. Dates are Beijing calendar
 * dates as 'YYYY-MM-DD', so string order is date order; both ends of a
 * period count (a ban "until 2027-03-01" still holds on that day).
 */
export const CREDIT_ROLES = ['tenderer', 'bidder', 'agency'] as const
export type CreditRole = (typeof CREDIT_ROLES)[number]

export interface CreditRecordFacts {
  id: number
  kind: string
  title: string
  issuingDepartment: string
  sourceDocument: string
  decidedOn: string
  startsOn: string
  endsOn: string | null
  restricts: boolean
  restrictedRoles: string[]
  categories: string[]
  regionPrefix: string
  status: string
}

export interface NegativeListRule {
  id: number
  name: string
  conditionKinds: string[]
  conditionMinCount: number
  conditionWithinMonths: number | null
  restrictedRoles: string[]
  categories: string[]
  regionPrefix: string
  startsOn: string
  endsOn: string | null
  sourceDocument: string
  status: string
}

export interface GateQuery {
  role: CreditRole
  category: string
  /** 6-digit division code of the tenant the act happens in */
  regionCode: string
  today: string
}

function within(startsOn: string, endsOn: string | null, today: string) {
  return startsOn <= today && (endsOn === null || today <= endsOn)
}

/** An empty list means "every": a ban without a role or category list bans them all */
function covers(list: string[], value: string) {
  return list.length === 0 || list.includes(value)
}

/** The record itself bans the entity from this act */
export function recordRestricts(record: CreditRecordFacts, query: GateQuery) {
  return (
    record.restricts &&
    record.status === 'active' &&
    within(record.startsOn, record.endsOn, query.today) &&
    covers(record.restrictedRoles, query.role) &&
    covers(record.categories, query.category) &&
    query.regionCode.startsWith(record.regionPrefix)
  )
}

/** The rule is in force and its restriction reaches this act (role, category, region, period) */
export function ruleReaches(rule: NegativeListRule, query: GateQuery) {
  return (
    rule.status === 'active' &&
    within(rule.startsOn, rule.endsOn, query.today) &&
    rule.restrictedRoles.includes(query.role) &&
    covers(rule.categories, query.category) &&
    query.regionCode.startsWith(rule.regionPrefix)
  )
}

/**
 * The entity's records that meet the rule's condition: records of its kinds
 * decided within its window, a revoked one never counting; empty when fewer
 * than the minimum count.
 */
export function ruleTriggers(rule: NegativeListRule, records: CreditRecordFacts[], today: string) {
  const since = rule.conditionWithinMonths
    ? DateTime.fromISO(today).minus({ months: rule.conditionWithinMonths }).toISODate()!
    : null
  const counted = records.filter(
    (record) =>
      rule.conditionKinds.includes(record.kind) &&
      record.status !== 'revoked' &&
      record.decidedOn <= today &&
      (since === null || record.decidedOn > since)
  )
  return counted.length >= rule.conditionMinCount ? counted : []
}

export type Blocker =
  | { type: 'record'; record: CreditRecordFacts }
  | { type: 'rule'; rule: NegativeListRule; record: CreditRecordFacts }

export interface GateDecision {
  outcome: 'allowed' | 'refused'
  blocker: Blocker | null
  snapshot: {
    asOf: string
    query: Omit<GateQuery, 'today'>
    records: Array<{
      id: number
      kind: string
      sourceDocument: string
      startsOn: string
      endsOn: string | null
      status: string
      restricting: boolean
    }>
    rules: Array<{
      id: number
      name: string
      sourceDocument: string
      reaches: boolean
      triggeredBy: number[]
    }>
    blockedBy: { type: 'record' | 'rule'; id: number } | null
  }
}

/** The later end first; a ban without an end outlasts every dated one */
function latestEnding<T extends { endsOn: string | null }>(items: T[]) {
  return [...items].sort((a, b) =>
    a.endsOn === b.endsOn
      ? 0
      : a.endsOn === null
        ? -1
        : b.endsOn === null
          ? 1
          : a.endsOn < b.endsOn
            ? 1
            : -1
  )[0]
}

export function decide(
  records: CreditRecordFacts[],
  rules: NegativeListRule[],
  query: GateQuery
): GateDecision {
  const restricting = records.filter((record) => recordRestricts(record, query))
  const ruleOutcomes = rules.map((rule) => {
    const reaches = ruleReaches(rule, query)
    return { rule, reaches, triggeredBy: reaches ? ruleTriggers(rule, records, query.today) : [] }
  })
  const firing = ruleOutcomes.filter((outcome) => outcome.triggeredBy.length > 0)

  let blocker: Blocker | null = null
  if (restricting.length) {
    blocker = { type: 'record', record: latestEnding(restricting) }
  } else if (firing.length) {
    const rule = latestEnding(firing.map((outcome) => outcome.rule))
    const triggered = firing.find((outcome) => outcome.rule === rule)!.triggeredBy
    // The most recent decision is the one the entity will recognise
    const record = [...triggered].sort((a, b) =>
      a.decidedOn === b.decidedOn ? b.id - a.id : a.decidedOn < b.decidedOn ? 1 : -1
    )[0]
    blocker = { type: 'rule', rule, record }
  }
  const { today, ...rest } = query
  return {
    outcome: blocker ? 'refused' : 'allowed',
    blocker,
    snapshot: {
      asOf: today,
      query: rest,
      records: records.map((record) => ({
        id: record.id,
        kind: record.kind,
        sourceDocument: record.sourceDocument,
        startsOn: record.startsOn,
        endsOn: record.endsOn,
        status: record.status,
        restricting: restricting.includes(record),
      })),
      rules: ruleOutcomes.map(({ rule, reaches, triggeredBy }) => ({
        id: rule.id,
        name: rule.name,
        sourceDocument: rule.sourceDocument,
        reaches,
        triggeredBy: triggeredBy.map((record) => record.id),
      })),
      blockedBy: blocker
        ? {
            type: blocker.type,
            id: blocker.type === 'record' ? blocker.record.id : blocker.rule.id,
          }
        : null,
    },
  }
}
