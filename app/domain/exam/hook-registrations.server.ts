/**
 * Side-effect imports of every module that registers an onAttemptGraded handler
 * (./hooks.server.ts). The grading code imports this file, so the handlers exist in every
 * process that grades. Add one line per feature; keep it to imports.
 */
import '../certificates.server.ts' // issue 6: a passed course exam issues a training certificate
import '../learning/course-exam-hook.server.ts' // issue 3: a passed course exam completes the assignment
import '../inspections.server.ts' // issue 4: a spot-check / competence paper updates the board; a fail opens retraining
import '../retraining.server.ts' // issue 4: a re-exam result clears or escalates the retraining case

export {}
