-- DropIndex
DROP INDEX "PackVersion_packId_contentHash_key";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Lesson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "packVersionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "ord" INTEGER NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "sources" TEXT NOT NULL DEFAULT '[]',
    "body" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Lesson_packVersionId_fkey" FOREIGN KEY ("packVersionId") REFERENCES "PackVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Lesson" ("body", "id", "key", "minutes", "ord", "packVersionId", "sources", "titleEn", "titleZh") SELECT "body", "id", "key", "minutes", "ord", "packVersionId", "sources", "titleEn", "titleZh" FROM "Lesson";
DROP TABLE "Lesson";
ALTER TABLE "new_Lesson" RENAME TO "Lesson";
CREATE UNIQUE INDEX "Lesson_packVersionId_key_key" ON "Lesson"("packVersionId", "key");
CREATE TABLE "new_Question" (
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
    "ord" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Question_packVersionId_fkey" FOREIGN KEY ("packVersionId") REFERENCES "PackVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Question" ("answer", "audiences", "contentHash", "difficulty", "explanation", "hazardItem", "id", "key", "lessonKey", "operation", "options", "packVersionId", "source", "stem", "topic", "type", "violation") SELECT "answer", "audiences", "contentHash", "difficulty", "explanation", "hazardItem", "id", "key", "lessonKey", "operation", "options", "packVersionId", "source", "stem", "topic", "type", "violation" FROM "Question";
DROP TABLE "Question";
ALTER TABLE "new_Question" RENAME TO "Question";
CREATE INDEX "Question_key_idx" ON "Question"("key");
CREATE INDEX "Question_packVersionId_topic_idx" ON "Question"("packVersionId", "topic");
CREATE UNIQUE INDEX "Question_packVersionId_key_key" ON "Question"("packVersionId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PackVersion_packId_contentHash_idx" ON "PackVersion"("packId", "contentHash");
