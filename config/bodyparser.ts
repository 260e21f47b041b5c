import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
    limit: '1mb',
  },
  json: {
    convertEmptyStringsToNull: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
    limit: '1mb',
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    // Streamed by the action itself, which hashes, sizes and sniffs the bytes as they arrive
    processManually: ['/api/v1/t/:code/trades/:tradeId/documents'],
    limit: '20mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
