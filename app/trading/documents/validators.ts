import vine from '@vinejs/vine'
import { DOCUMENT_KINDS } from '#trading/documents/documents'

/** The form fields beside the uploaded file */
export const uploadDocumentValidator = vine.create({
  kind: vine.enum(DOCUMENT_KINDS).optional(),
  publish: vine.boolean().optional(),
})

export const amendmentValidator = vine.create({
  kind: vine.enum(['clarification', 'amendment'] as const),
  summary: vine.string().trim().minLength(1).maxLength(4000),
  affectsBids: vine.boolean(),
})
