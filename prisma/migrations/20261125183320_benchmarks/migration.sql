-- CreateTable
CREATE TABLE "Benchmark" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "sampleMode" TEXT NOT NULL,
    "baselineModel" TEXT NOT NULL,
    "candidateModels" TEXT[],
    "judgeModel" TEXT,
    "budgetMicros" BIGINT NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "fallbacks" BOOLEAN NOT NULL DEFAULT false,
    "spentMicros" BIGINT NOT NULL DEFAULT 0,
    "judgeSpentMicros" BIGINT NOT NULL DEFAULT 0,
    "doneCount" INTEGER NOT NULL DEFAULT 0,
    "totalCount" INTEGER NOT NULL DEFAULT 0,
    "stopReason" TEXT,
    "runnerId" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Benchmark_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenchmarkSample" (
    "id" TEXT NOT NULL,
    "benchmarkId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "callLogId" TEXT NOT NULL,
    "callCreatedAt" TIMESTAMP(3) NOT NULL,
    "requestBody" TEXT,
    "skipReason" TEXT,
    "skipMessage" TEXT,
    "jsonMode" BOOLEAN NOT NULL DEFAULT false,
    "baselineModel" TEXT,
    "baselineText" TEXT,
    "baselineLatencyMs" INTEGER NOT NULL,
    "baselineTtftMs" INTEGER,
    "baselineCostMicros" BIGINT NOT NULL DEFAULT 0,
    "baselineFellBack" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "BenchmarkSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenchmarkResult" (
    "id" TEXT NOT NULL,
    "benchmarkId" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "callLogId" TEXT,
    "servedModel" TEXT,
    "latencyMs" INTEGER,
    "ttftMs" INTEGER,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "fellBack" BOOLEAN NOT NULL DEFAULT false,
    "errorType" TEXT,
    "errorMessage" TEXT,
    "answerText" TEXT,
    "jsonValid" BOOLEAN,
    "agreement" DOUBLE PRECISION,
    "judgeScore" DOUBLE PRECISION,
    "judgeReason" TEXT,
    "judgeCostMicros" BIGINT NOT NULL DEFAULT 0,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BenchmarkResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Benchmark_userId_createdAt_idx" ON "Benchmark"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Benchmark_status_idx" ON "Benchmark"("status");

-- CreateIndex
CREATE UNIQUE INDEX "BenchmarkSample_benchmarkId_position_key" ON "BenchmarkSample"("benchmarkId", "position");

-- CreateIndex
CREATE INDEX "BenchmarkResult_benchmarkId_status_idx" ON "BenchmarkResult"("benchmarkId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BenchmarkResult_sampleId_model_key" ON "BenchmarkResult"("sampleId", "model");

-- AddForeignKey
ALTER TABLE "Benchmark" ADD CONSTRAINT "Benchmark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Benchmark" ADD CONSTRAINT "Benchmark_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenchmarkSample" ADD CONSTRAINT "BenchmarkSample_benchmarkId_fkey" FOREIGN KEY ("benchmarkId") REFERENCES "Benchmark"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenchmarkResult" ADD CONSTRAINT "BenchmarkResult_benchmarkId_fkey" FOREIGN KEY ("benchmarkId") REFERENCES "Benchmark"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenchmarkResult" ADD CONSTRAINT "BenchmarkResult_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "BenchmarkSample"("id") ON DELETE CASCADE ON UPDATE CASCADE;
