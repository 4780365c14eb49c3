-- CreateTable
CREATE TABLE "Inspection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "createdByUserId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "team" TEXT NOT NULL DEFAULT '',
    "notes" TEXT NOT NULL DEFAULT '',
    "drawSeed" TEXT,
    "drawCount" INTEGER,
    "drawFilter" TEXT NOT NULL DEFAULT '{}',
    "drawPool" TEXT NOT NULL DEFAULT '[]',
    "drawnAt" DATETIME,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Inspection_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SpotCheckExaminee" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "inspectionId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "drawn" BOOLEAN NOT NULL DEFAULT false,
    "ord" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "shortCode" TEXT NOT NULL,
    "codeExpiresAt" DATETIME NOT NULL,
    "boundAt" DATETIME,
    "deviceHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "attemptId" TEXT,
    "score" REAL,
    "caseId" TEXT,
    "gradedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SpotCheckExaminee_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SpotCheckExaminee_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Violation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "areaId" TEXT,
    "place" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL,
    "foundBy" TEXT NOT NULL,
    "recordedByUserId" TEXT NOT NULL,
    "acknowledgedAt" DATETIME,
    "caseId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Violation_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Violation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Violation_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Violation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "RetrainingCase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RetrainingCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'OPEN',
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "blueprintId" TEXT,
    "requiredPacks" TEXT NOT NULL DEFAULT '[]',
    "requiredMinutes" INTEGER NOT NULL DEFAULT 480,
    "failedReexams" INTEGER NOT NULL DEFAULT 0,
    "reexamAttemptId" TEXT,
    "openedByUserId" TEXT,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "readyAt" DATETIME,
    "clearedAt" DATETIME,
    "escalatedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RetrainingCase_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RetrainingCase_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Inspection_enterpriseId_date_idx" ON "Inspection"("enterpriseId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheckExaminee_token_key" ON "SpotCheckExaminee"("token");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheckExaminee_shortCode_key" ON "SpotCheckExaminee"("shortCode");

-- CreateIndex
CREATE INDEX "SpotCheckExaminee_personId_idx" ON "SpotCheckExaminee"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheckExaminee_inspectionId_personId_key" ON "SpotCheckExaminee"("inspectionId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Violation_caseId_key" ON "Violation"("caseId");

-- CreateIndex
CREATE INDEX "Violation_enterpriseId_occurredAt_idx" ON "Violation"("enterpriseId", "occurredAt");

-- CreateIndex
CREATE INDEX "Violation_personId_idx" ON "Violation"("personId");

-- CreateIndex
CREATE INDEX "RetrainingCase_enterpriseId_state_idx" ON "RetrainingCase"("enterpriseId", "state");

-- CreateIndex
CREATE INDEX "RetrainingCase_personId_state_idx" ON "RetrainingCase"("personId", "state");

-- CreateIndex
CREATE INDEX "RetrainingCase_sourceType_sourceId_idx" ON "RetrainingCase"("sourceType", "sourceId");
