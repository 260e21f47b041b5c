import type { Router } from '@adonisjs/core/http'
import { middleware } from '#start/kernel'

const ExpertsController = () => import('./app/controllers/experts_controller.js')
const EvaluationsController = () => import('./app/evaluation/evaluations_controller.js')
const CommitteesController = () => import('./app/committees/committees_controller.js')
const RatingsController = () => import('./app/expert_credit/ratings_controller.js')
const DrawsController = () => import('./app/controllers/draws_controller.js')

/** Mounted by the host under /t/:code, only where the plugin is enabled */
export default function expertPoolRoutes(router: Router) {
  router
    .group(() => {
      router.get('/expert-pool', [ExpertsController, 'page'])
      router.get('/expert-pool/api/experts', [ExpertsController, 'index'])
      router.post('/expert-pool/api/experts', [ExpertsController, 'store'])
      router.post('/expert-pool/api/experts/import', [ExpertsController, 'importExperts'])
      router.post('/expert-pool/api/specialties/import', [ExpertsController, 'importSpecialties'])
      router.get('/expert-pool/api/experts/:id', [ExpertsController, 'show'])
      router.put('/expert-pool/api/experts/:id', [ExpertsController, 'update'])
      router.post('/expert-pool/api/experts/:id/suspend', [ExpertsController, 'suspend'])
      router.post('/expert-pool/api/experts/:id/blacklist', [ExpertsController, 'blacklist'])
      router.post('/expert-pool/api/experts/:id/reinstate', [ExpertsController, 'reinstate'])
      router.post('/expert-pool/api/experts/:id/retire', [ExpertsController, 'retire'])
      router.put('/expert-pool/api/experts/:id/account', [ExpertsController, 'linkAccount'])
      // Committees and evaluation
      router.get('/expert-pool/evaluations', [EvaluationsController, 'listPage'])
      router.get('/expert-pool/evaluations/:id', [EvaluationsController, 'sheetPage'])
      router.get('/expert-pool/evaluations/:id/ratings', [RatingsController, 'page'])
      router.get('/expert-pool/api/evaluations', [EvaluationsController, 'index'])
      router.get('/expert-pool/api/evaluations/:id/sheet', [EvaluationsController, 'sheet'])
      router.post('/expert-pool/api/evaluations/:id/declaration', [
        EvaluationsController,
        'declare',
      ])
      router.put('/expert-pool/api/evaluations/:id/verdicts/:bidId', [
        EvaluationsController,
        'verdict',
      ])
      router.post('/expert-pool/api/evaluations/:id/chair-vote', [
        EvaluationsController,
        'voteChair',
      ])
      router.post('/expert-pool/api/evaluations/:id/signature', [EvaluationsController, 'sign'])
      router.post('/expert-pool/api/evaluations/:id/ratings', [RatingsController, 'store'])
      router.get('/expert-pool/committees', [CommitteesController, 'listPage'])
      router.get('/expert-pool/committees/:id', [CommitteesController, 'page'])
      router.get('/expert-pool/api/committees/:id', [CommitteesController, 'show'])
      router.post('/expert-pool/api/committees/:id', [CommitteesController, 'form'])
      router.post('/expert-pool/api/committees/:id/members/:memberId/replace', [
        CommitteesController,
        'replace',
      ])
      router.get('/expert-pool/draws', [DrawsController, 'page'])
      router.get('/expert-pool/supervision', [DrawsController, 'supervisionPage'])
      router.get('/expert-pool/api/draws', [DrawsController, 'index'])
      router.post('/expert-pool/api/draws', [DrawsController, 'store'])
      router.get('/expert-pool/api/supervision', [DrawsController, 'supervision'])
      router.get('/expert-pool/api/draws/:id', [DrawsController, 'show'])
      router.post('/expert-pool/api/draws/:id/draw', [DrawsController, 'draw'])
      router.get('/expert-pool/api/draws/:id/sealed', [DrawsController, 'sealed'])
      router.get('/expert-pool/api/draws/:id/record', [DrawsController, 'record'])
      router.get('/expert-pool/api/invitations', [DrawsController, 'invitations'])
      router.get('/expert-pool/invitations', [DrawsController, 'invitationsPage'])
      router.post('/expert-pool/api/seats/:id/confirm', [DrawsController, 'confirm'])
      router.post('/expert-pool/api/seats/:id/decline', [DrawsController, 'decline'])
    })
    .use(middleware.auth())
}
