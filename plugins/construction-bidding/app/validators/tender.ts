import vine from '@vinejs/vine'

const YUAN = /^\d{1,16}(\.\d{1,2})?$/
const CODE = /^[0-9A-Z]{18}$/

export const registerTenderValidator = vine.compile(
  vine.object({
    projectId: vine.number().withoutDecimals().positive(),
    title: vine.string().trim().minLength(2).maxLength(200),
    sectionName: vine.string().trim().minLength(1).maxLength(200),
    tenderMode: vine.enum(['public', 'invited'] as const),
    prequalification: vine.boolean(),
    content: vine.string().trim().minLength(1).maxLength(2000),
    estimate: vine.string().trim().regex(YUAN),
    deposit: vine.string().trim().regex(YUAN),
    ceilingPrice: vine.string().trim().regex(YUAN).optional(),
    evaluationMethod: vine.enum(['lowest_evaluated_price', 'comprehensive_scoring'] as const),
    weights: vine
      .object({
        price: vine.number().withoutDecimals().min(0).max(100),
        technical: vine.number().withoutDecimals().min(0).max(100),
        commercial: vine.number().withoutDecimals().min(0).max(100),
      })
      .optional()
      .requiredWhen('evaluationMethod', '=', 'comprehensive_scoring'),
    tendererRepresentatives: vine.number().withoutDecimals().min(0).max(10),
    inviteeCodes: vine
      .array(vine.string().trim().toUpperCase().regex(CODE))
      .maxLength(50)
      .optional(),
    agencyCode: vine.string().trim().toUpperCase().regex(CODE).optional(),
  })
)

const instant = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/)

export const stepValidators = {
  publish_notice: vine.compile(vine.object({})),
  send_invitations: vine.compile(vine.object({})),
  issue_prequal_documents: vine.compile(
    vine.object({ saleEndsAt: instant(), applicationsDueAt: instant() })
  ),
  publish_prequal_result: vine.compile(
    vine.object({ qualifiedCodes: vine.array(vine.string().trim().toUpperCase().regex(CODE)) })
  ),
  fail_prequalification: vine.compile(vine.object({ reason: vine.string().trim().maxLength(500) })),
  issue_documents: vine.compile(vine.object({ saleEndsAt: instant(), bidDeadline: instant() })),
  sign_contract: vine.compile(
    vine.object({
      amount: vine.number().positive(),
      signedOn: vine.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    })
  ),
  record_performance: vine.compile(
    vine.object({
      stage: vine.string().trim().minLength(1).maxLength(50),
      description: vine.string().trim().minLength(1).maxLength(2000),
    })
  ),
  complete_performance: vine.compile(
    vine.object({ summary: vine.string().trim().minLength(1).maxLength(2000) })
  ),
}

export const amendmentValidator = vine.compile(
  vine.object({
    kind: vine.enum(['clarification', 'amendment'] as const),
    summary: vine.string().trim().minLength(1).maxLength(2000),
    affectsBids: vine.boolean(),
    moveDeadline: vine.boolean(),
  })
)

export const objectionValidator = vine.compile(
  vine.object({
    stage: vine.enum(['documents', 'candidates'] as const),
    content: vine.string().trim().minLength(1).maxLength(2000),
  })
)

export const answerValidator = vine.compile(
  vine.object({ answer: vine.string().trim().minLength(1).maxLength(2000) })
)

export const depositValidator = vine.compile(
  vine.object({
    entityCode: vine.string().trim().toUpperCase().regex(CODE),
    fromBasicAccount: vine.boolean(),
  })
)

export const awardValidator = vine.compile(
  vine.object({
    winnerCode: vine.string().trim().toUpperCase().regex(CODE),
    droppedOut: vine
      .array(
        vine.object({
          code: vine.string().trim().toUpperCase().regex(CODE),
          reason: vine.string().trim().minLength(1).maxLength(500),
        })
      )
      .maxLength(2)
      .optional(),
  })
)

export const suspensionValidator = vine.compile(
  vine.object({ reason: vine.string().trim().minLength(1).maxLength(500) })
)
