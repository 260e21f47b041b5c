import type { Router } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'

const CreditRecordsController = () => import('./app/controllers/credit_records_controller.js')
const CreditRulesController = () => import('./app/controllers/credit_rules_controller.js')
const CreditExchangeController = () => import('./app/controllers/credit_exchange_controller.js')
const PublicCreditController = () => import('./app/controllers/public_credit_controller.js')

const ID = /^[1-9][0-9]{0,14}$/

/** Mounted by the host under /t/:code, only where the plugin is enabled */
export default function creditRoutes(router: Router) {
  router
    .group(() => {
      router.get('/credit', [CreditRecordsController, 'page'])
      router.get('/credit/api/records', [CreditRecordsController, 'index'])
      router.post('/credit/api/records', [CreditRecordsController, 'store'])
      router.post('/credit/api/penalties', [CreditRecordsController, 'penalty'])
      router
        .post('/credit/api/records/:id/revoke', [CreditRecordsController, 'revoke'])
        .where('id', ID)
      router.get('/credit/api/checks', [CreditRecordsController, 'checks'])
      router.get('/credit/api/rules', [CreditRulesController, 'index'])
      router.post('/credit/api/rules', [CreditRulesController, 'store'])
      router.put('/credit/api/rules/:id', [CreditRulesController, 'update']).where('id', ID)
      router
        .post('/credit/api/rules/:id/withdraw', [CreditRulesController, 'withdraw'])
        .where('id', ID)
      router.get('/credit/api/export', [CreditExchangeController, 'export'])
      router.post('/credit/api/import', [CreditExchangeController, 'import'])
    })
    .use(middleware.auth())

  // Public by law (条例 Art. 78): no login
  router.get('/credit/public/:subjectCode', [PublicCreditController, 'show'])
  router.get('/credit/api/public/:subjectCode', [PublicCreditController, 'json'])
}
