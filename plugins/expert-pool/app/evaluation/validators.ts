import vine from '@vinejs/vine'
import { REJECT_REASONS } from './reject_reasons.js'
import { REPLACEMENT_REASONS } from '../committees/replace_member.js'

const id = () => vine.number().withoutDecimals().min(1).max(Number.MAX_SAFE_INTEGER)
/** Points and amounts with at most two decimals, as the report prints them */
const twoDecimals = () => vine.number().decimal([0, 2])

export const formCommitteeValidator = vine.compile(
  vine.object({
    representatives: vine.array(id()).maxLength(10).distinct(),
  })
)

export const replaceMemberValidator = vine.compile(
  vine.object({
    reason: vine.enum(REPLACEMENT_REASONS),
    expertId: id().optional(),
    accountId: id().optional(),
  })
)

export const declarationValidator = vine.compile(
  vine.object({
    noConflict: vine.accepted(),
  })
)

export const verdictValidator = vine.compile(
  vine.object({
    rejectReason: vine.enum(REJECT_REASONS).optional(),
    technical: twoDecimals().min(0).max(100).optional().requiredIfExists('commercial'),
    commercial: twoDecimals().min(0).max(100).optional().requiredIfExists('technical'),
    evaluatedPrice: twoDecimals().min(0.01).max(1e14).optional(),
  })
)

export const chairVoteValidator = vine.compile(vine.object({ memberId: id() }))

export const ratingValidator = vine.compile(
  vine.object({
    raterKind: vine.enum(['tenderer', 'supervisor'] as const),
    expertId: id(),
    score: vine.number().withoutDecimals().min(1).max(5),
    comment: vine.string().trim().maxLength(500).optional(),
  })
)
