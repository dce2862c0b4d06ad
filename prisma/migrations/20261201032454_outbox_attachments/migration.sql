-- CreateTable
CREATE TABLE "OutboxAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outboxEmailId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OutboxAttachment_outboxEmailId_fkey" FOREIGN KEY ("outboxEmailId") REFERENCES "OutboxEmail" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OutboxAttachment_outboxEmailId_idx" ON "OutboxAttachment"("outboxEmailId");
