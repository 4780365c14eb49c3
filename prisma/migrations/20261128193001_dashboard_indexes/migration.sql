-- CreateIndex
CREATE INDEX "ExamAttempt_purpose_submittedAt_enterpriseId_passed_idx" ON "ExamAttempt"("purpose", "submittedAt", "enterpriseId", "passed");

-- CreateIndex
CREATE INDEX "StudyRecord_enterpriseId_year_personId_seconds_idx" ON "StudyRecord"("enterpriseId", "year", "personId", "seconds");
