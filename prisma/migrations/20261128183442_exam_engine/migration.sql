-- CreateTable
CREATE TABLE "ExamBlueprint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "strata" TEXT NOT NULL,
    "points" TEXT NOT NULL,
    "passMark" REAL NOT NULL,
    "timeLimitMinutes" INTEGER NOT NULL,
    "maxAttempts" INTEGER,
    "retakeCooldownMinutes" INTEGER NOT NULL DEFAULT 0,
    "partialCredit" BOOLEAN NOT NULL DEFAULT false,
    "minSecondsPerQuestion" INTEGER NOT NULL DEFAULT 5,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ExamAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "blueprintId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "seed" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "paper" TEXT NOT NULL,
    "drawReport" TEXT NOT NULL DEFAULT '{}',
    "questionCount" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "startedAt" DATETIME NOT NULL,
    "deadlineAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "score" REAL,
    "maxScore" REAL,
    "passed" BOOLEAN,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "startedByUserId" TEXT,
    CONSTRAINT "ExamAttempt_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ExamAttempt_blueprintId_fkey" FOREIGN KEY ("blueprintId") REFERENCES "ExamBlueprint" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttemptAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "chosen" TEXT NOT NULL,
    "savedAt" DATETIME NOT NULL,
    "correct" BOOLEAN,
    "earned" REAL,
    CONSTRAINT "AttemptAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ExamAttempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttemptEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "AttemptEvent_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ExamAttempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttemptAccess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "returnTo" TEXT,
    "revokedAt" DATETIME,
    CONSTRAINT "AttemptAccess_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "ExamAttempt" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Drill" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PLANNED',
    "plannedDate" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT '',
    "scenarioEvent" TEXT NOT NULL DEFAULT '',
    "scenarioPlace" TEXT NOT NULL DEFAULT '',
    "scenarioTime" TEXT NOT NULL DEFAULT '',
    "scenarioScale" TEXT NOT NULL DEFAULT '',
    "expectedParticipants" INTEGER,
    "organiserId" TEXT,
    "evaluatorId" TEXT,
    "alarmAt" DATETIME,
    "clearedAt" DATETIME,
    "assembledAt" DATETIME,
    "endedAt" DATETIME,
    "headcountExpected" INTEGER,
    "headcountAccounted" INTEGER,
    "problems" TEXT NOT NULL DEFAULT '',
    "causes" TEXT NOT NULL DEFAULT '',
    "lessons" TEXT NOT NULL DEFAULT '',
    "improvements" TEXT NOT NULL DEFAULT '',
    "signedOffAt" DATETIME,
    "signedOffByUserId" TEXT,
    "signedOffByName" TEXT NOT NULL DEFAULT '',
    "cancelledAt" DATETIME,
    "cancelReason" TEXT NOT NULL DEFAULT '',
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Drill_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Drill_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Drill_organiserId_fkey" FOREIGN KEY ("organiserId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Drill_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrillMissingPerson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "drillId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrillMissingPerson_drillId_fkey" FOREIGN KEY ("drillId") REFERENCES "Drill" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DrillMissingPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrillNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "drillId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "text" TEXT NOT NULL,
    "clientId" TEXT,
    "authorUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrillNote_drillId_fkey" FOREIGN KEY ("drillId") REFERENCES "Drill" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CorrectiveAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "drillId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "doneAt" DATETIME,
    "doneNote" TEXT NOT NULL DEFAULT '',
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CorrectiveAction_drillId_fkey" FOREIGN KEY ("drillId") REFERENCES "Drill" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CorrectiveAction_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrillPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "drillId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "uploadedByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrillPhoto_drillId_fkey" FOREIGN KEY ("drillId") REFERENCES "Drill" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serial" TEXT NOT NULL,
    "verifyCode" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "packVersionId" TEXT NOT NULL,
    "examAttemptId" TEXT,
    "holderName" TEXT NOT NULL,
    "enterpriseName" TEXT NOT NULL,
    "hours" REAL NOT NULL,
    "score" REAL,
    "issuedAt" DATETIME NOT NULL,
    "validUntil" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'VALID',
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "revokedByUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Certificate_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_packVersionId_fkey" FOREIGN KEY ("packVersionId") REFERENCES "PackVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "issueDate" TEXT NOT NULL,
    "expiryDate" TEXT NOT NULL,
    "nextReviewDate" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Credential_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Credential_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CredentialRequirement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CredentialRequirement_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CredentialRequirement_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerifyThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "misses" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "packVersionId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ASSIGNED',
    "assignedByUserId" TEXT,
    "retrainingCaseId" TEXT,
    "examAttemptId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "completedAt" DATETIME,
    "cancelledAt" DATETIME,
    CONSTRAINT "Assignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_packVersionId_fkey" FOREIGN KEY ("packVersionId") REFERENCES "PackVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonProgress" (
    "assignmentId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "seconds" INTEGER NOT NULL DEFAULT 0,
    "scroll" REAL NOT NULL DEFAULT 0,
    "firstOpenedAt" DATETIME NOT NULL,
    "lastOpenedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,

    PRIMARY KEY ("assignmentId", "lessonId"),
    CONSTRAINT "LessonProgress_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LessonProgress_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StudySession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "beats" INTEGER NOT NULL DEFAULT 0,
    "credited" INTEGER NOT NULL DEFAULT 0,
    "closedAt" DATETIME,
    CONSTRAINT "StudySession_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StudyRecord" (
    "personId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "seconds" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("personId", "lessonId", "year"),
    CONSTRAINT "StudyRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StudyRecord_lessonId_fkey" FOREIGN KEY ("lessonId") REFERENCES "Lesson" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HourRule" (
    "enterpriseId" TEXT NOT NULL PRIMARY KEY,
    "workerOnboardingHours" INTEGER NOT NULL DEFAULT 72,
    "workerAnnualHours" INTEGER NOT NULL DEFAULT 20,
    "managerInitialHours" INTEGER NOT NULL DEFAULT 48,
    "managerAnnualHours" INTEGER NOT NULL DEFAULT 16,
    "onboardingPacks" TEXT NOT NULL DEFAULT '[]',
    "updatedByUserId" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PracticeAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "packVersionId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "chosen" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PracticeAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClassroomSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "trainer" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "minutes" INTEGER NOT NULL,
    "offJob" BOOLEAN NOT NULL DEFAULT false,
    "signInCode" TEXT,
    "signInExpiresAt" DATETIME,
    "createdByUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Attendance" (
    "sessionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedByUserId" TEXT,

    PRIMARY KEY ("sessionId", "personId"),
    CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ClassroomSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ExamBlueprint_code_key" ON "ExamBlueprint"("code");

-- CreateIndex
CREATE INDEX "ExamAttempt_personId_startedAt_idx" ON "ExamAttempt"("personId", "startedAt");

-- CreateIndex
CREATE INDEX "ExamAttempt_status_deadlineAt_idx" ON "ExamAttempt"("status", "deadlineAt");

-- CreateIndex
CREATE INDEX "ExamAttempt_subjectType_subjectId_idx" ON "ExamAttempt"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "ExamAttempt_enterpriseId_startedAt_idx" ON "ExamAttempt"("enterpriseId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AttemptAnswer_attemptId_position_key" ON "AttemptAnswer"("attemptId", "position");

-- CreateIndex
CREATE INDEX "AttemptEvent_attemptId_at_idx" ON "AttemptEvent"("attemptId", "at");

-- CreateIndex
CREATE INDEX "AttemptAccess_attemptId_idx" ON "AttemptAccess"("attemptId");

-- CreateIndex
CREATE INDEX "Drill_enterpriseId_status_idx" ON "Drill"("enterpriseId", "status");

-- CreateIndex
CREATE INDEX "Drill_areaId_plannedDate_idx" ON "Drill"("areaId", "plannedDate");

-- CreateIndex
CREATE UNIQUE INDEX "DrillMissingPerson_drillId_personId_key" ON "DrillMissingPerson"("drillId", "personId");

-- CreateIndex
CREATE INDEX "DrillNote_drillId_at_idx" ON "DrillNote"("drillId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "DrillNote_drillId_clientId_key" ON "DrillNote"("drillId", "clientId");

-- CreateIndex
CREATE INDEX "CorrectiveAction_ownerId_status_idx" ON "CorrectiveAction"("ownerId", "status");

-- CreateIndex
CREATE INDEX "CorrectiveAction_enterpriseId_status_idx" ON "CorrectiveAction"("enterpriseId", "status");

-- CreateIndex
CREATE INDEX "CorrectiveAction_drillId_idx" ON "CorrectiveAction"("drillId");

-- CreateIndex
CREATE UNIQUE INDEX "DrillPhoto_storageKey_key" ON "DrillPhoto"("storageKey");

-- CreateIndex
CREATE INDEX "DrillPhoto_drillId_idx" ON "DrillPhoto"("drillId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_serial_key" ON "Certificate"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_verifyCode_key" ON "Certificate"("verifyCode");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_examAttemptId_key" ON "Certificate"("examAttemptId");

-- CreateIndex
CREATE INDEX "Certificate_enterpriseId_issuedAt_idx" ON "Certificate"("enterpriseId", "issuedAt");

-- CreateIndex
CREATE INDEX "Certificate_personId_idx" ON "Certificate"("personId");

-- CreateIndex
CREATE INDEX "Credential_enterpriseId_expiryDate_idx" ON "Credential"("enterpriseId", "expiryDate");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_personId_type_key" ON "Credential"("personId", "type");

-- CreateIndex
CREATE INDEX "CredentialRequirement_enterpriseId_idx" ON "CredentialRequirement"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "CredentialRequirement_personId_type_key" ON "CredentialRequirement"("personId", "type");

-- CreateIndex
CREATE INDEX "Assignment_enterpriseId_status_dueDate_idx" ON "Assignment"("enterpriseId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Assignment_personId_status_idx" ON "Assignment"("personId", "status");

-- CreateIndex
CREATE INDEX "Assignment_retrainingCaseId_idx" ON "Assignment"("retrainingCaseId");

-- CreateIndex
CREATE INDEX "StudySession_personId_closedAt_idx" ON "StudySession"("personId", "closedAt");

-- CreateIndex
CREATE INDEX "StudySession_assignmentId_lessonId_idx" ON "StudySession"("assignmentId", "lessonId");

-- CreateIndex
CREATE INDEX "StudyRecord_enterpriseId_year_idx" ON "StudyRecord"("enterpriseId", "year");

-- CreateIndex
CREATE INDEX "PracticeAnswer_personId_packVersionId_at_idx" ON "PracticeAnswer"("personId", "packVersionId", "at");

-- CreateIndex
CREATE INDEX "PracticeAnswer_personId_questionId_idx" ON "PracticeAnswer"("personId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassroomSession_signInCode_key" ON "ClassroomSession"("signInCode");

-- CreateIndex
CREATE INDEX "ClassroomSession_enterpriseId_startsAt_idx" ON "ClassroomSession"("enterpriseId", "startsAt");

-- CreateIndex
CREATE INDEX "Attendance_personId_idx" ON "Attendance"("personId");
