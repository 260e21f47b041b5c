import type { Router } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'
// The signed report starts the candidates' publicity limit, whoever signs it
import './app/support/report_watch.js'

const TendersController = () => import('./app/controllers/tenders_controller.js')
const TenderStepsController = () => import('./app/controllers/tender_steps_controller.js')
const ExportController = () => import('./app/controllers/export_controller.js')

const ID = /^[1-9][0-9]{0,14}$/

/** Mounted by the host under /t/:code, only where the plugin is enabled */
export default function constructionBiddingRoutes(router: Router) {
  router
    .group(() => {
      router.get('/construction-bidding', [TendersController, 'index'])
      router.get('/construction-bidding/tenders/:tradeId', [TendersController, 'show'])
      router.get('/construction-bidding/tenders/:tradeId/export', [ExportController, 'page'])

      const api = '/construction-bidding/api/tenders'
      router.get(api, [TendersController, 'list'])
      router.post(api, [TendersController, 'store'])
      router.get(`${api}/:tradeId`, [TendersController, 'detail'])
      router.get(`${api}/:tradeId/export`, [ExportController, 'json'])
      router.post(`${api}/:tradeId/steps/:step`, [TenderStepsController, 'step'])
      router.post(`${api}/:tradeId/amendments`, [TenderStepsController, 'amend'])
      router.post(`${api}/:tradeId/objections`, [TenderStepsController, 'object'])
      router.post(`${api}/:tradeId/objections/:objectionId/answer`, [
        TenderStepsController,
        'answerObjection',
      ])
      router.post(`${api}/:tradeId/deposits`, [TenderStepsController, 'deposit'])
      router.post(`${api}/:tradeId/open`, [TenderStepsController, 'open'])
      router.post(`${api}/:tradeId/evaluation`, [TenderStepsController, 'evaluate'])
      router.post(`${api}/:tradeId/candidates`, [TenderStepsController, 'candidates'])
      router.post(`${api}/:tradeId/award`, [TenderStepsController, 'award'])
      router.post(`${api}/:tradeId/suspend`, [TenderStepsController, 'suspend'])
      router.post(`${api}/:tradeId/resume`, [TenderStepsController, 'resume'])
    })
    .where('tradeId', ID)
    .where('objectionId', ID)
    .use(middleware.auth())
}
