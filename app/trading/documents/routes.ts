import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import '#trading/documents/abilities'

const DocumentsController = () => import('#trading/documents/documents_controller')
const AmendmentsController = () => import('#trading/documents/amendments_controller')

router
  .group(() => {
    // Multipart processed by the controller (config/bodyparser.ts processManually)
    router.post('/documents', [DocumentsController, 'upload'])
    router.get('/documents', [DocumentsController, 'index'])
    router
      .get('/documents/:documentId', [DocumentsController, 'download'])
      .where('documentId', /^[1-9][0-9]{0,14}$/)
    router
      .post('/documents/:documentId/publish', [DocumentsController, 'publish'])
      .where('documentId', /^[1-9][0-9]{0,14}$/)
    router.post('/amendments', [AmendmentsController, 'store'])
    router.get('/amendments', [AmendmentsController, 'index'])
  })
  .prefix('/api/v1/t/:code/trades/:tradeId')
  .where('tradeId', /^[1-9][0-9]{0,14}$/)
  .as('api.documents')
  .use([middleware.auth(), middleware.tenant()])

router
  .get('/t/:code/trades/:tradeId/documents', [DocumentsController, 'page'])
  .where('tradeId', /^[1-9][0-9]{0,14}$/)
  .as('documents.page')
  .use([middleware.auth(), middleware.tenant()])
