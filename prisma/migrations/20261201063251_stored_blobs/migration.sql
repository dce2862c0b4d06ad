-- CreateTable
CREATE TABLE "StoredBlob" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "content" BLOB NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "StoredBlob_createdAt_idx" ON "StoredBlob"("createdAt");
