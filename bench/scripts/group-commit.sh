#!/usr/bin/env bash
# Durable acceptance of notifications on the embedded H2: one transaction per notification
# against the push pipeline's group commit. Usage: bench/scripts/group-commit.sh [THREADS] [SECONDS] [JDBC-URL]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$root"
mvn -B -q -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "$(cat target/bench.classpath):bench/target/classes" -Djava.util.logging.config.file=config/logging-test.properties \
  io.landline.bench.GroupCommitBenchmark "${1:-64}" "${2:-10}" ${3:+"$3"}
