import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import '#supervision/abilities'
import '#supervision/engine/event_capture'

const AlertsController = () => import('#supervision/controllers/alerts_controller')
const RulesController = () => import('#supervision/controllers/rules_controller')
const ComplaintsController = () => import('#supervision/controllers/complaints_controller')
const CasesController = () => import('#supervision/controllers/cases_controller')
const DashboardController = () => import('#supervision/controllers/dashboard_controller')

const ID = /^[1-9][0-9]{0,14}$/

router
  .group(() => {
    router.get('/supervision/alerts', [AlertsController, 'index'])
    router.get('/supervision/alerts/count', [AlertsController, 'count'])
    router.get('/supervision/alerts/count/events', [AlertsController, 'countEvents'])
    router.get('/supervision/alerts/:id', [AlertsController, 'show']).where('id', ID)
    router.post('/supervision/alerts/:id/dismiss', [AlertsController, 'dismiss']).where('id', ID)
    router.post('/supervision/alerts/:id/case', [AlertsController, 'openCase']).where('id', ID)
    router.post('/supervision/alerts/:id/suspend', [AlertsController, 'suspend']).where('id', ID)
    router.post('/supervision/alerts/:id/resume', [AlertsController, 'resume']).where('id', ID)
    router.get('/supervision/cases', [CasesController, 'index'])
    router.post('/supervision/cases', [CasesController, 'store'])
    router.get('/supervision/cases/:id', [CasesController, 'show']).where('id', ID)
    router.post('/supervision/cases/:id/notes', [CasesController, 'addNote']).where('id', ID)
    router.post('/supervision/cases/:id/close', [CasesController, 'close']).where('id', ID)
    router.get('/supervision/rules', [RulesController, 'index'])
    router.put('/supervision/rules/:rule', [RulesController, 'update']).where('rule', /^W[0-9]{2}$/)
    router.get('/supervision/dashboard', [DashboardController, 'show'])
    router.get('/complaints', [ComplaintsController, 'index'])
    router.post('/complaints', [ComplaintsController, 'store'])
    router.get('/complaints/:id', [ComplaintsController, 'show']).where('id', ID)
    router.post('/complaints/:id/accept', [ComplaintsController, 'accept']).where('id', ID)
    router.post('/complaints/:id/reject', [ComplaintsController, 'reject']).where('id', ID)
    router.post('/complaints/:id/clock-stop', [ComplaintsController, 'stopClock']).where('id', ID)
    router
      .post('/complaints/:id/clock-resume', [ComplaintsController, 'resumeClock'])
      .where('id', ID)
    router.post('/complaints/:id/decide', [ComplaintsController, 'decide']).where('id', ID)
    router.post('/complaints/:id/answer', [ComplaintsController, 'answer']).where('id', ID)
    router
      .post('/complaints/:id/suspend-procurement', [ComplaintsController, 'suspendProcurement'])
      .where('id', ID)
    router
      .post('/complaints/:id/resume-procurement', [ComplaintsController, 'resumeProcurement'])
      .where('id', ID)
  })
  .prefix('/api/v1/t/:code')
  .as('api.supervision')
  .use([middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/supervision/alerts', [AlertsController, 'index'])
    router.get('/supervision/alerts/:id', [AlertsController, 'show']).where('id', ID)
    router.get('/supervision/cases', [CasesController, 'index'])
    router.get('/supervision/cases/:id', [CasesController, 'show']).where('id', ID)
    router.get('/supervision/rules', [RulesController, 'index'])
    router.get('/supervision/dashboard', [DashboardController, 'show'])
    router.get('/complaints', [ComplaintsController, 'index'])
    router.get('/complaints/:id', [ComplaintsController, 'show']).where('id', ID)
  })
  .prefix('/t/:code')
  .as('supervision.pages')
  .use([middleware.auth(), middleware.tenant()])
