-- CreateTable
CREATE TABLE "Pack" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "series" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PackVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "declaredVersion" INTEGER NOT NULL,
    "edition" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "summaryZh" TEXT NOT NULL DEFAULT '',
    "summaryEn" TEXT NOT NULL DEFAULT '',
    "noticeZh" TEXT,
    "noticeEn" TEXT,
    "audiences" TEXT NOT NULL DEFAULT '[]',
    "minutes" INTEGER NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PackVersion_packId_fkey" FOREIGN KEY ("packId") REFERENCES "Pack" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Lesson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packVersionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ord" INTEGER NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "sources" TEXT NOT NULL DEFAULT '[]',
    "body" TEXT NOT NULL,
    CONSTRAINT "Lesson_packVersionId_fkey" FOREIGN KEY ("packVersionId") REFERENCES "PackVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "packVersionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stem" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '[]',
    "answer" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "lessonKey" TEXT,
    "topic" TEXT NOT NULL,
    "operation" TEXT,
    "hazardItem" INTEGER,
    "violation" TEXT,
    "audiences" TEXT NOT NULL DEFAULT '[]',
    "difficulty" INTEGER NOT NULL DEFAULT 1,
    "contentHash" TEXT NOT NULL,
    CONSTRAINT "Question_packVersionId_fkey" FOREIGN KEY ("packVersionId") REFERENCES "PackVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Pack_series_idx" ON "Pack"("series");

-- CreateIndex
CREATE UNIQUE INDEX "PackVersion_packId_number_key" ON "PackVersion"("packId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PackVersion_packId_contentHash_key" ON "PackVersion"("packId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Lesson_packVersionId_key_key" ON "Lesson"("packVersionId", "key");

-- CreateIndex
CREATE INDEX "Question_key_idx" ON "Question"("key");

-- CreateIndex
CREATE INDEX "Question_packVersionId_topic_idx" ON "Question"("packVersionId", "topic");

-- CreateIndex
CREATE UNIQUE INDEX "Question_packVersionId_key_key" ON "Question"("packVersionId", "key");
